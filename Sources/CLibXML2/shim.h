#ifndef PALISADE_CLIBXML2_SHIM_H
#define PALISADE_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU, whose headers clash with the ICU copy inside Foundation. Palisade never touches
   libxml2's ICU converter fields, so the headers are read as if libxml2 had been built without ICU. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>

/// Swift 6 sees the global `xmlFree` function pointer as shared mutable state; call through this instead.
static inline void palisade_xml_free(void *pointer) { xmlFree(pointer); }

#endif
