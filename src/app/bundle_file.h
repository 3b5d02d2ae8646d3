/* bundle_file.h -- opening a bundle file on the host: mmap'd, read in
 * place through the device reader, with malloc as its allocator. */
#ifndef HOST_BUNDLE_FILE_H
#define HOST_BUNDLE_FILE_H

#include <stddef.h>

#include "../bundle/nwsb.h"

typedef struct bundle_file {
    nwsb_bundle *b;
    const unsigned char *map;
    size_t size;
} bundle_file;

extern const nwsb_allocator host_allocator;

/* Returns 0, or an nwsb_err with diag filled; errno-style failures to open
 * the file are NWSB_E_IO with a message already printed. */
int bundle_file_open(const char *path, bundle_file *bf, nwsb_diag *diag);
void bundle_file_close(bundle_file *bf);

/* "record 3 at offset 4096" style place text for messages. */
void bundle_diag_place(const nwsb_diag *d, char *buf, size_t cap);

#endif
