/*
 * consumer.c - a minimal embedding of newsrules through its installed
 * header and library only: read each file named on the command line and
 * print its id, title and sentence count. Exit 1 if any input failed.
 */
#include <newsrules.h>

#include <stdio.h>
#include <string.h>

struct totals {
	size_t articles, errors;
};

static int on_item(const nr_read_item *item, void *payload)
{
	struct totals *t = payload;
	if (item->error) {
		t->errors++;
		fprintf(stderr, "consumer: %s: %s\n", item->source, item->message);
		return 0;
	}
	t->articles++;
	printf("%s\t%s\t%zu sentences\n", nr_article_id(item->article),
	       nr_article_title(item->article), nr_article_sentence_count(item->article));
	nr_article_free(item->article);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: consumer FILE...\n");
		return 2;
	}
	/* The header and the library must agree on the version. */
	if (strcmp(nr_version(), NR_VERSION_STRING) != 0) {
		fprintf(stderr, "consumer: header %s, library %s\n", NR_VERSION_STRING,
			nr_version());
		return 1;
	}
	struct totals t = { 0, 0 };
	nr_read_options opts = NR_READ_OPTIONS_INIT;
	for (int i = 1; i < argc; i++)
		nr_read_file(argv[i], &opts, on_item, &t);
	printf("articles=%zu errors=%zu\n", t.articles, t.errors);
	return t.errors ? 1 : 0;
}
