/* newspack.h -- the subcommands of newspack. */
#ifndef CMD_NEWSPACK_H
#define CMD_NEWSPACK_H

#define NEWSPACK_VERSION "0.1.0"

/* Exit codes: 0 ok, 1 failure, 2 usage. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

int cmd_build(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_cat(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_verify(int argc, char **argv);

/* For a subcommand's own --help / usage errors. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
