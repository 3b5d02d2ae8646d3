/* bundle_file.c -- host access to bundle files. */
#include "bundle_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../bundle/nwsb_dict.h"
#include "diag.h"

static void *host_alloc(void *opaque, size_t n)
{
    (void)opaque;
    return malloc(n);
}

static void host_free(void *opaque, void *p)
{
    (void)opaque;
    free(p);
}

const nwsb_allocator host_allocator = {host_alloc, host_free, NULL};

int bundle_file_open(const char *path, bundle_file *bf, nwsb_diag *diag)
{
    struct stat st;
    memset(bf, 0, sizeof *bf);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        diag_error(path, 0, "cannot open: %s", strerror(errno));
        return NWSB_E_IO;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        diag_error(path, 0, "not a regular file");
        close(fd);
        return NWSB_E_IO;
    }
    if ((unsigned long long)st.st_size > 0xFFFFFFFFull) {
        diag_error(path, 0, "larger than 4 GiB: not a bundle");
        close(fd);
        return NWSB_E_IO;
    }
    bf->size = (size_t)st.st_size;
    if (bf->size > 0) {
        void *m = mmap(NULL, bf->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) {
            diag_error(path, 0, "cannot map: %s", strerror(errno));
            close(fd);
            return NWSB_E_IO;
        }
        bf->map = m;
    }
    close(fd);
    static const unsigned char empty[1];
    nwsb_source src = {bf->map ? bf->map : empty, NULL, NULL, (uint32_t)bf->size};
    int rc = nwsb_open(&bf->b, &src, &host_allocator, nwsb_news_dict, nwsb_news_dict_size, diag);
    if (rc != NWSB_OK)
        bundle_file_close(bf);
    return rc;
}

void bundle_file_close(bundle_file *bf)
{
    nwsb_close(bf->b);
    if (bf->map)
        munmap((void *)bf->map, bf->size);
    memset(bf, 0, sizeof *bf);
}

void bundle_diag_place(const nwsb_diag *d, char *buf, size_t cap)
{
    const char *part = d->part ? d->part : "bundle";
    if (d->has_index)
        snprintf(buf, cap, "%s %u (offset %u)", part, (unsigned)d->index, (unsigned)d->offset);
    else
        snprintf(buf, cap, "%s (offset %u)", part, (unsigned)d->offset);
}
