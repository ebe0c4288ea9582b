/*
 * commands-int.h: what the files of commands/ share and nobody else uses.
 */
#ifndef HS_COMMANDS_INT_H
#define HS_COMMANDS_INT_H

#include "commands.h"
#include "policy/policy.h"

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

/* cmd-policy*.c: the `policy` group and its sub-commands */

extern const struct hs_cmd hs_cmd_policy_check;
extern const struct hs_cmd hs_cmd_policy_simulate;

/* How hs_policy_load() picks the type a document is parsed as. */
enum hs_policy_kind {
	HS_POLICY_ANY,		/* guessed from its elements (policy check) */
	HS_POLICY_IDENTITY,	/* an identity policy (--policy) */
	HS_POLICY_RESOURCE,	/* a resource or trust policy (--resource-policy) */
};

/* Read (file://PATH) or take (JSON text) the policy document value and
 * parse it into *out (caller frees). Its id (SourcePolicyId, messages)
 * is PATH, or literal_id for JSON text. Returns 0, or a status with
 * ctx's error set: 255 for a file that cannot be read, 252 for a value
 * that is no document or a document AWS would reject. */
int hs_policy_load(struct hs_ctx *ctx, const char *value,
    enum hs_policy_kind kind, const char *literal_id, struct policy **out);
/* The part of hs_policy_load() that reads no file (runbook checks). */
int hs_policy_check_form(struct hs_ctx *ctx, const char *value);

/* Which IAM actions the installed service models define: a
 * policy_action_check_fn for policy_lint(), with a checker from
 * hs_action_models_new() as its argument (cmd-policy-models.c). */
struct hs_action_models;
struct hs_action_models *hs_action_models_new(void);
void hs_action_models_free(struct hs_action_models *m);
enum policy_action_status hs_action_models_check(void *arg,
    const char *service, const char *action);
#ifdef HS_UNIT_TESTS
size_t models_object_length(const char *s, size_t len);
cJSON *models_metadata_in(const char *text, size_t len);
#endif

#endif
