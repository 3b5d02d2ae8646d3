/* mapfile.h -- read-only memory maps of whole files (fonts, bundles). */
#ifndef HOST_MAPFILE_H
#define HOST_MAPFILE_H

#include <stddef.h>
#include <stdint.h>

typedef struct mapped_file {
    const uint8_t *data;
    size_t size;
} mapped_file;

/* 0, or -1 after a message naming path. */
int map_file(const char *path, mapped_file *m);
void unmap_file(mapped_file *m);

#endif
