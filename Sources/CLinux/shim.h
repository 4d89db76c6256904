#ifndef PALISADE_CLINUX_SHIM_H
#define PALISADE_CLINUX_SHIM_H

// Linux interfaces that Swift's Glibc module leaves out: extended attributes (has_extended_acl, SELinux labels).
#include <sys/xattr.h>

#endif
