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
