/*
 * commands-int.h: what the files of commands/ share and nobody else uses.
 */
#ifndef HS_COMMANDS_INT_H
#define HS_COMMANDS_INT_H

#include "commands.h"

#include <cjson/cJSON.h>

/* dispatch-args.c */

/* Parse argv[first..argc) against cmd's argument template into out
 * (pointers borrowed from argv); HS_EXIT_USAGE with err on failure.
 * name is the command as shown in messages ("policy check"). */
int hs_args_parse(const struct hs_cmd *cmd, const char *name, char **argv,
    size_t argc, size_t first, struct hs_args *out, struct hs_error *err);
void hs_args_clear(struct hs_args *a);
/* "usage: NAME USAGE" for cmd (caller frees). */
char *hs_cmd_usage(const struct hs_cmd *cmd, const char *name);
/* Find one of cmd's own options by name ("--x" or "--x=v"), or NULL. */
const struct hs_cmd_opt *hs_cmd_find_opt(const struct hs_cmd *cmd,
    const char *word);

/* dispatch-run.c */

/* Record "unknown command 'word'" with a "did you mean"; HS_EXIT_USAGE. */
int hs_cmd_unknown(const struct hs_cmd_table *t, const char *word,
    struct hs_error *err);

/* dispatch.c */

/* Find a sub-command of a group by exact name, or NULL. */
const struct hs_cmd *hs_cmd_find_sub(const struct hs_cmd *group,
    const char *word);

/* dot-cd.c */

/* Expand a leading "~" or "~/" to $HOME (caller frees). */
char *hs_expand_home(const char *path);

/* output-json.c */

/* Print v as the AWS CLI's --output json does, with a final newline. */
void hs_json_print(FILE *out, const cJSON *v);
/* Tell whether the command runs with --output json. */
bool hs_output_is_json(const struct hs_ctx *ctx);

#endif
