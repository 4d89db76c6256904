#ifndef PALISADE_CLINUX_SHIM_H
#define PALISADE_CLINUX_SHIM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

// Linux interfaces that Swift's Glibc module leaves out: extended attributes (has_extended_acl, SELinux labels) and
// O_PATH, a GNU name, for walking the scanned host through folder descriptors.
#include <fcntl.h>
#include <sys/xattr.h>

static const int palisade_open_path = O_PATH;

#endif
