/* version.c - the library's version and its error texts. */
#include "base/base.h"

const char *nr_version(void) { return NR_VERSION_STRING; }

const char *nr_strerror(int code)
{
	switch (code) {
	case NR_OK: return "success";
	case NR_ERROR: return "error";
	case NR_ENOMEM: return "out of memory";
	case NR_EINVAL: return "invalid argument";
	case NR_EIO: return "cannot read input";
	case NR_ETOOBIG: return "input too large";
	case NR_EEMPTY: return "no text in input";
	case NR_EBINARY: return "binary input";
	case NR_EPARSE: return "malformed input";
	case NR_EFORMAT: return "unknown input format";
	case NR_ENESTING: return "markup nested too deep";
	case NR_EABORT: return "stopped by callback";
	case NR_ERULE: return "rule file rejected";
	case NR_ERUNTIME: return "rule failed while scanning";
	case NR_EFROZEN: return "rule set already in use";
	case NR_EINTERRUPTED: return "interrupted";
	case NR_ETIMEOUT: return "deadline passed";
	default: return "unknown error";
	}
}

/* One case per code of the header's enum, spelled as there: a test parses
 * the header and checks that every code has its own name. */
const char *nr_error_name(int code)
{
#define NR_NAME_(c) \
	case c: return #c
	switch (code) {
		NR_NAME_(NR_OK);
		NR_NAME_(NR_ERROR);
		NR_NAME_(NR_ENOMEM);
		NR_NAME_(NR_EINVAL);
		NR_NAME_(NR_EIO);
		NR_NAME_(NR_ETOOBIG);
		NR_NAME_(NR_EEMPTY);
		NR_NAME_(NR_EBINARY);
		NR_NAME_(NR_EPARSE);
		NR_NAME_(NR_EFORMAT);
		NR_NAME_(NR_ENESTING);
		NR_NAME_(NR_EABORT);
		NR_NAME_(NR_ERULE);
		NR_NAME_(NR_ERUNTIME);
		NR_NAME_(NR_EFROZEN);
		NR_NAME_(NR_EINTERRUPTED);
		NR_NAME_(NR_ETIMEOUT);
	default: return "unknown";
	}
#undef NR_NAME_
}
