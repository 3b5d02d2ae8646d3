/* newspack.c -- main() of the host packing tool: dispatch to subcommands. */
#include "newspack.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../bundle/nwsb_format.h"
#include "../app/diag.h"

static const char usage_text[] =
    "Usage: newspack COMMAND [OPTIONS] ...\n"
    "Pack news articles into a compact bundle for e-ink readers, and inspect bundles.\n"
    "\n"
    "Commands:\n"
    "  build -o OUT.nwsb INPUT...  pack files, directories (recursive) or - (stdin)\n"
    "  ls BUNDLE                   list articles: index<TAB>date<TAB>title\n"
    "  cat BUNDLE N                print article N (from 1) as plain text\n"
    "  info BUNDLE                 counts, sizes, compression, records, format version\n"
    "  verify BUNDLE               check every checksum and record; exit 1 if damaged\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help (or 'newspack COMMAND --help')\n"
    "  -V, --version  show the version\n"
    "\n"
    "Exit status: 0 success, 1 failure, 2 usage error.\n"
    "The bundle format is described in docs/FORMAT.md.\n";

int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "newspack%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'newspack %s%s--help' for more information.\n", cmd ? cmd : "",
            cmd ? " " : "");
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'}, {0, 0, 0, 0}};
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {{"build", cmd_build}, {"ls", cmd_ls},         {"cat", cmd_cat},
                {"info", cmd_info},   {"verify", cmd_verify}};
    int c;

    g_diag.prog = "newspack";
    /* '+': stop at the command name; its options belong to it. */
    while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(usage_text, stdout);
            return EXIT_OK;
        case 'V':
            printf("newspack %s (bundle format %d.%d)\n", NEWSPACK_VERSION, NWSB_VERSION_MAJOR,
                   NWSB_VERSION_MINOR);
            return EXIT_OK;
        default:
            fputs("Try 'newspack --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(argv[optind], cmds[i].name) == 0) {
            optind++;
            int sub_argc = argc - optind + 1;
            char **sub_argv = argv + optind - 1;
            optind = 1; /* getopt restarts for the subcommand */
            return cmds[i].fn(sub_argc, sub_argv);
        }
    }
    return usage_error(NULL, "unknown command '%s'", argv[optind]);
}
