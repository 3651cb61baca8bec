/* fuzz_reader_html.c - libFuzzer target for the html reader (checks in
 * reader_harness.h). */
#include "reader_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nr_fuzz_read(data, size, NR_FORMAT_HTML);
}
