#ifndef PALISADE_CLIBCRYPTO_SHIM_H
#define PALISADE_CLIBCRYPTO_SHIM_H

// Only the EVP message-digest interface: filehash and filehash58 need MD5, SHA-1 and the SHA-2 family.
#include <openssl/evp.h>

#endif
