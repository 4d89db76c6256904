#ifndef PALISADE_CLINUX_SHIM_H
#define PALISADE_CLINUX_SHIM_H

// Linux interfaces that Swift's Glibc module leaves out: extended attributes (has_extended_acl, SELinux labels) and
// O_PATH, for walking the scanned host through folder descriptors.
//
// No feature macro (_GNU_SOURCE) is defined here: the system headers are shared by every C module of the build
// (Glibc, Dispatch, CCurl), and a macro that changes what they declare in one module makes their definitions clash
// in the others. O_PATH is a GNU name, so its Linux value is spelled out where the headers hide it.
#include <fcntl.h>
#include <sys/xattr.h>

#ifdef O_PATH
static const int palisade_open_path = O_PATH;
#else
static const int palisade_open_path = 010000000;
#endif

#endif
