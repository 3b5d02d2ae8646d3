/* atomic_file.h -- replace a file so that readers see the old or the new
 * version, never a part: temp file beside it, fsync, rename, fsync dir. */
#ifndef HOST_ATOMIC_FILE_H
#define HOST_ATOMIC_FILE_H

#include <stddef.h>

/* Returns 0, or -1 after a message naming path.  An interrupted or failed
 * write removes its temp file and leaves an existing path untouched. */
int atomic_write(const char *path, const void *data, size_t len);

#endif
