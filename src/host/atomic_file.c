/* atomic_file.c -- crash- and interrupt-safe file replacement. */
#define _POSIX_C_SOURCE 200809L
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../app/buf.h"
#include "../app/diag.h"

/* The temp file to remove if a signal ends us mid-write.  A fixed buffer,
 * because the handler may only call async-signal-safe functions. */
static char pending_tmp[4096];
static volatile sig_atomic_t have_pending;

static void on_signal(int sig)
{
    if (have_pending)
        unlink(pending_tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void guard(int on)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on ? on_signal : SIG_DFL;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int atomic_write(const char *path, const void *data, size_t len)
{
    char *dcopy = xstrdup(path), *bcopy = xstrdup(path);
    const char *dir = dirname(dcopy), *base = basename(bcopy);
    int fd = -1, rc = -1;
    const char *what = "";

    if ((size_t)snprintf(pending_tmp, sizeof pending_tmp, "%s/.%s.XXXXXX", dir, base) >=
        sizeof pending_tmp) {
        diag_error(path, 0, "path too long");
        goto out;
    }
    guard(1);
    fd = mkstemp(pending_tmp);
    if (fd < 0) {
        what = "cannot create a temporary file beside it";
        goto fail;
    }
    have_pending = 1;
    mode_t mask = umask(0);
    umask(mask);
    struct stat st;
    /* Keep the mode of a bundle we replace; else the usual 0666 & ~umask. */
    fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777) : (0666 & ~mask));
    if (write_all(fd, data, len) < 0) {
        what = "write failed";
        goto fail;
    }
    if (fsync(fd) < 0) {
        what = "fsync failed";
        goto fail;
    }
    if (close(fd) < 0) {
        fd = -1;
        what = "close failed";
        goto fail;
    }
    fd = -1;
    if (rename(pending_tmp, path) < 0) {
        what = "cannot rename the temporary file into place";
        goto fail;
    }
    have_pending = 0;
    /* The rename itself must reach the disk, or a crash could undo it. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    rc = 0;
    goto out;
fail:
    diag_error(path, 0, "%s: %s", what, strerror(errno));
    if (fd >= 0)
        close(fd);
    if (have_pending)
        unlink(pending_tmp);
    have_pending = 0;
out:
    guard(0);
    free(dcopy);
    free(bcopy);
    return rc;
}
