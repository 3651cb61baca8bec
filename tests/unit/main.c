/* main.c - runner for one Check suite; NR_SUITE_FN names its constructor. */
#include <check.h>
#include <stdlib.h>

Suite *NR_SUITE_FN(void);

int main(void)
{
	SRunner *sr = srunner_create(NR_SUITE_FN());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
