/*
 * operation.c: the generic model operation - "SERVICE OPERATION
 * --params" for every operation of every installed botocore model, the
 * command the dispatcher falls back to for words missing from its table
 * (hs_operation_register() installs it at start-up).
 *
 * One command, in the AWS CLI's order of checks:
 *   1. the service and the operation (unknown ones: 252, with a guess);
 *   2. the config files and settings (253 when they are broken);
 *   3. `help`;
 *   4. the words to an input (252 with the CLI's words), then
 *      --generate-cli-skeleton input, botocore's input checks and the
 *      model's validation (252), the output format (252);
 *   5. --generate-cli-skeleton output;
 *   6. endpoint and credentials (253: where the chain looked);
 *   7. the calls - paged, or printed by --dry-run - and the output.
 * Nothing is sent before step 7, so a refusal never half-runs anything.
 *
 * The last call's request ID and error code are kept for --debug and the
 * audit log (hs_operation_last()).
 */
#include "hs-common.h"
#include "commands.h"
#include "operation.h"

#include <cjson/cJSON.h>
#include <unistd.h>

static int op_exec(struct hs_ctx *ctx);
static int op_check(struct hs_ctx *ctx);
static bool op_needs_value(char *const *words, size_t n);

/* The fallback command: its name is the service word as typed. */
const struct hs_cmd hs_cmd_operation = {
	.name = "SERVICE",
	.args = { NULL, 0, -1 },
	.usage = "OPERATION [--PARAMETER VALUE ...]",
	.summary = "run an operation of an AWS service model "
	    "(SERVICE help, SERVICE OPERATION help)",
	.flags = HS_CMD_GLOBAL_OPTIONS,
	.exec = op_exec,
	.check = op_check,
	.needs_value = op_needs_value,
};

static struct hs_op_record last;

/* What one run holds. */
struct op_run {
	struct hs_ctx *ctx;
	const struct aws_service *svc;
	const struct aws_operation *op;
	struct hs_op_settings settings;
	struct hs_op_env env;
	struct hs_param_table table;
	struct hs_parsed parsed;
	struct hs_op_input in;
	struct hs_op_call call;
	struct hs_op_error err;
	cJSON *output;
};

/* The last call's record. */
const struct hs_op_record *
hs_operation_last(void)
{
	return &last;
}

static void
record_clear(void)
{
	free(last.service);
	free(last.operation);
	free(last.request_id);
	free(last.error_code);
	memset(&last, 0, sizeof last);
}

/* Free what the operations keep for the session. */
void
hs_operation_shutdown(void)
{
	record_clear();
	hs_op_env_shutdown();
	aws_model_cache_clear();
}

/* Install the model operation as the dispatcher's fallback. */
void
hs_operation_register(void)
{
	hs_dispatch_set_fallback(&hs_cmd_operation);
}

/* The exit status and error code of a failure class. */
static int
fail_status(enum hs_op_failure kind, const char **code)
{
	switch (kind) {
	case HS_OP_FAIL_USAGE:
		*code = HS_ERR_USAGE;
		return HS_EXIT_USAGE;
	case HS_OP_FAIL_CONFIG:
		*code = HS_ERR_CONFIG;
		return HS_EXIT_CONFIG;
	case HS_OP_FAIL_SERVICE:
		*code = NULL;
		return HS_EXIT_SERVICE;
	case HS_OP_FAIL_INTERRUPTED:
		*code = HS_ERR_INTERRUPTED;
		return HS_EXIT_INTERRUPTED;
	default:
		*code = HS_ERR_GENERAL;
		return HS_EXIT_GENERAL;
	}
}

/* Report an hs_op_error through the command's context. */
static int
report(struct op_run *r, const struct hs_op_error *e)
{
	const char *code;
	int status = fail_status(e->kind, &code);

	if (e->code != NULL)
		code = e->code;
	return hs_ctx_fail(r->ctx, status, code, "%s", e->message ?
	    e->message : "the operation failed");
}

/* Report a usage error with the CLI's words (exit 252). */
static int
usage(struct op_run *r, char *msg)
{
	int status = hs_ctx_fail(r->ctx, HS_EXIT_USAGE, HS_ERR_USAGE, "%s",
	    msg);

	free(msg);
	return status;
}

/* Add the names closest to word among list to near. */
static void
nearest(const char *word, const char *const *list, size_t n,
    struct hs_strlist *near)
{
	size_t i, best = SIZE_MAX, d;

	for (i = 0; i < n; i++)
		if ((d = hs_edit_distance(word, list[i])) < best)
			best = d;
	if (best > 2 && best * 3 > strlen(word))
		return;
	for (i = 0; i < n && near->n < 4; i++)
		if (hs_edit_distance(word, list[i]) == best)
			hs_strlist_add(near, list[i]);
}

/* "unknown command 'x'; did you mean 'y'?" for a service word. */
static int
unknown_service(struct op_run *r, const char *word)
{
	struct hs_strlist near = HS_STRLIST_INIT;
	size_t n, i;
	char **names = aws_model_list_services(&n), *list;
	const char **cli = hs_xcalloc(n + 1, sizeof *cli);

	for (i = 0; i < n; i++)
		cli[i] = aws_model_cli_service_name(names[i]);
	nearest(word, cli, n, &near);
	hs_cmd_suggest(r->ctx->session->table, word, &near);
	list = hs_strlist_join(&near, "', '");
	if (strcmp(word, "s3") == 0)
		hs_ctx_fail(r->ctx, HS_EXIT_USAGE, HS_ERR_UNKNOWN_COMMAND,
		    "unknown command 's3': the high-level S3 commands (ls, cp, "
		    "mb...) are not available yet; use 's3api'");
	else if (near.n > 0)
		hs_ctx_fail(r->ctx, HS_EXIT_USAGE, HS_ERR_UNKNOWN_COMMAND,
		    "unknown command '%s'; did you mean %s'%s'?", word,
		    near.n > 1 ? "one of " : "", list);
	else
		hs_ctx_fail(r->ctx, HS_EXIT_USAGE, HS_ERR_UNKNOWN_COMMAND,
		    "unknown command '%s'; .help lists the commands", word);
	free(list);
	free(cli);
	hs_strlist_clear(&near);
	aws_model_list_free(names, n);
	return HS_EXIT_USAGE;
}

/* "unknown operation 'x' of 'iam'; did you mean 'y'?" */
static int
unknown_operation(struct op_run *r, const char *word)
{
	struct hs_strlist near = HS_STRLIST_INIT;
	const char **ops = hs_xcalloc(r->svc->n_operations + 1, sizeof *ops);
	size_t i, n = 0;
	char *list;

	for (i = 0; i < r->svc->n_operations; i++)
		if (!hs_operation_removed(r->svc->cli_name,
		    r->svc->operations[i].cli_name))
			ops[n++] = r->svc->operations[i].cli_name;
	nearest(word, ops, n, &near);
	list = hs_strlist_join(&near, "', '");
	if (near.n > 0)
		hs_ctx_fail(r->ctx, HS_EXIT_USAGE, HS_ERR_UNKNOWN_COMMAND,
		    "unknown operation '%s' of '%s'; did you mean %s'%s'?", word,
		    r->svc->cli_name, near.n > 1 ? "one of " : "", list);
	else
		hs_ctx_fail(r->ctx, HS_EXIT_USAGE, HS_ERR_UNKNOWN_COMMAND,
		    "unknown operation '%s' of '%s'; '%s help' lists them", word,
		    r->svc->cli_name, r->svc->cli_name);
	free(list);
	free(ops);
	hs_strlist_clear(&near);
	return HS_EXIT_USAGE;
}

/* Find the service and the operation the words name. */
static int
find_operation(struct op_run *r)
{
	struct hs_ctx *ctx = r->ctx;
	char *cause = NULL;

	r->svc = aws_model_get_cli(ctx->argv[0], &cause);
	free(cause);
	if (r->svc == NULL)
		return unknown_service(r, ctx->argv[0]);
	if (ctx->argc < 2)
		return usage(r, hs_xasprintf("usage: %s OPERATION [--PARAMETER "
		    "VALUE ...]; '%s help' lists the operations",
		    r->svc->cli_name, r->svc->cli_name));
	if (strcmp(ctx->argv[1], "help") == 0)
		return 0;
	r->op = aws_model_find_operation_cli(r->svc, ctx->argv[1]);
	if (r->op == NULL || hs_operation_removed(r->svc->cli_name,
	    ctx->argv[1]))
		return unknown_operation(r, ctx->argv[1]);
	if (r->op->service->protocol == AWS_PROTOCOL_UNSUPPORTED)
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE, "'%s %s' "
		    "uses the %s protocol, which hipaa-shell does not speak",
		    r->svc->cli_name, r->op->cli_name,
		    r->svc->protocol_name ? r->svc->protocol_name : "unknown");
	return 0;
}

/* Ask for an MFA code on the terminal (assume-role profiles). */
static char *
mfa_prompt(void *arg, const char *prompt)
{
	FILE *tty = fopen("/dev/tty", "r+");
	char line[64];
	char *code = NULL;

	(void)arg;
	if (tty == NULL)
		return NULL;
	fputs(prompt, tty);
	fflush(tty);
	if (fgets(line, sizeof line, tty) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] != '\0')
			code = hs_xstrdup(line);
	}
	hs_cleanse(line, sizeof line);
	fclose(tty);
	return code;
}

/* The settings of this command, for aws/. */
static void
settings_of(struct op_run *r)
{
	const struct hs_settings *s = r->ctx->settings;
	struct hs_op_settings *o = &r->settings;

	memset(o, 0, sizeof *o);
	o->profile = s->profile;
	o->region = s->region;
	o->endpoint_url = s->endpoint_url;
	o->ca_bundle = s->ca_bundle;
	o->output = s->output;
	o->connect_timeout = s->connect_timeout;
	o->read_timeout = s->read_timeout;
	o->no_verify_ssl = !s->verify_ssl;
	o->debug = s->debug;
	o->debug_log = r->ctx->err;
	o->cancel = &hs_interrupt_flag;
	o->mfa_prompt = mfa_prompt;
}

/* The global options, for help. */
static char *
global_options(void)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	for (i = 0; i < hs_options_count; i++) {
		const struct hs_option *o = &hs_options[i];

		if (!(o->flags & HS_OPTION_PER_COMMAND))
			continue;
		hs_buf_addf(&b, "       %s%s%s\n", o->name, o->value_name ?
		    " " : "", o->value_name ? o->value_name : "");
		hs_help_wrap(&b, o->help, 10, NULL, 80);
		hs_buf_addch(&b, '\n');
	}
	return hs_buf_detach(&b, NULL);
}

/* `SERVICE help` or `SERVICE OPERATION help`, through the pager. */
static int
show_help(struct op_run *r)
{
	struct hs_buf text = HS_BUF_INIT;
	int width = hs_help_width(r->ctx->out);
	char *global, *cause = NULL;
	int rc = 0;

	if (r->op == NULL)
		hs_help_service(&text, r->svc, width);
	else {
		global = global_options();
		hs_help_operation(&text, &r->table, global, width);
		free(global);
	}
	if (hs_help_show(r->ctx->out, text.buf, text.len, r->env.pager,
	    &cause) < 0) {
		rc = hs_ctx_fail(r->ctx, HS_EXIT_CONFIG, HS_ERR_CONFIG, "%s",
		    cause);
		free(cause);
	}
	hs_buf_release(&text);
	return rc;
}

/* Print --generate-cli-skeleton's sample. */
static int
print_skeleton(struct op_run *r)
{
	const struct aws_ref *ref = r->in.skeleton == HS_SKELETON_OUTPUT ?
	    &r->op->output : &r->op->input;
	cJSON *sample = hs_skeleton(ref, r->in.skeleton == HS_SKELETON_OUTPUT);
	struct hs_buf b = HS_BUF_INIT;
	char *cause = NULL;
	int rc = 0;

	if (r->in.skeleton == HS_SKELETON_INPUT) {
		hs_output_json(&b, sample, ref->shape ? ref : NULL, 4, true);
		hs_buf_addch(&b, '\n');
		fwrite(b.buf, 1, b.len, r->ctx->out);
	} else if (hs_output_print(r->ctx->out, sample, ref, r->env.output,
	    &cause) < 0) {
		rc = usage(r, cause);
	}
	hs_buf_release(&b);
	cJSON_Delete(sample);
	return rc;
}

/* Steps 4 and 5: the input, its checks, the skeletons. 1: done. */
static int
prepare_input(struct op_run *r)
{
	struct hs_input_opts o = { r->ctx->settings->paginate,
	    r->env.raw_blobs };
	char *cause = NULL;

	if (hs_params_input(&r->table, &r->parsed, &o, &r->in, &cause) < 0)
		return usage(r, cause);
	if (r->in.skeleton == HS_SKELETON_INPUT)
		return print_skeleton(r) == 0 ? 1 : HS_EXIT_USAGE;
	if (hs_botocore_input(r->op, r->in.input, &cause) < 0 ||
	    hs_params_validate(r->op, r->in.input, &cause) < 0)
		return usage(r, cause);
	if (!hs_output_supported(r->env.output))
		return usage(r, hs_xasprintf("output format '%s' is not "
		    "supported yet: use --output json", r->env.output));
	if (r->ctx->settings->query != NULL)
		return usage(r, hs_xstrdup("--query is not supported yet"));
	if (r->in.skeleton == HS_SKELETON_OUTPUT)
		return print_skeleton(r) == 0 ? 1 : HS_EXIT_USAGE;
	return 0;
}

/* Keep what the audit log and --debug want of the last call. */
static void
record(struct op_run *r, int status)
{
	record_clear();
	last.service = hs_xstrdup(r->svc->name);
	last.operation = hs_xstrdup(r->op->name);
	last.status = status;
	if (r->call.err.request_id || r->call.request_id)
		last.request_id = hs_xstrdup(r->call.err.request_id ?
		    r->call.err.request_id : r->call.request_id);
	if (r->call.err.code != NULL)
		last.error_code = hs_xstrdup(r->call.err.code);
	if (r->ctx->settings->debug && last.request_id != NULL)
		fprintf(r->ctx->err, "debug: %s %s request ID: %s\n",
		    r->svc->cli_name, r->op->cli_name, last.request_id);
}

/* Steps 6 and 7: connect, call, print. */
static int
call(struct op_run *r)
{
	char *cause = NULL;
	int status = 0;

	if (hs_op_env_connect(&r->env, &r->settings, r->svc,
	    (r->op->flags & AWS_OP_UNSIGNED) != 0, time(NULL), &r->err) < 0)
		return report(r, &r->err);
	if (r->env.insecure)
		hs_ctx_warn(r->ctx, "TLS certificates are not verified "
		    "(--no-verify-ssl): anyone on the network can read and "
		    "change this request");
	r->call.op = r->op;
	r->call.env = &r->env;
	r->call.outfile = r->in.outfile;
	r->call.dry_run = r->ctx->settings->dry_run ? r->ctx->out : NULL;
	if (hs_op_run(&r->call, &r->in, &r->output) < 0)
		status = report(r, &r->call.err);
	else if (hs_output_print(r->ctx->out, r->output, &r->op->output,
	    r->env.output, &cause) < 0)
		status = usage(r, cause);
	if (r->call.dry_run == NULL)
		record(r, status);
	return status;
}

static void
run_clear(struct op_run *r)
{
	cJSON_Delete(r->output);
	hs_op_call_clear(&r->call);
	hs_op_input_clear(&r->in);
	hs_parsed_clear(&r->parsed);
	hs_param_table_clear(&r->table);
	hs_op_env_close(&r->env);
	hs_op_error_clear(&r->err);
}

/* Run a model operation. */
static int
op_exec(struct hs_ctx *ctx)
{
	struct op_run r;
	char *cause = NULL;
	int status;

	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	if ((status = find_operation(&r)) != 0)
		goto done;
	settings_of(&r);
	if (hs_op_env_open(&r.env, &r.settings, &r.err) < 0) {
		status = report(&r, &r.err);
		goto done;
	}
	if (r.op == NULL) {
		status = show_help(&r);
		goto done;
	}
	hs_param_table_build(r.op, &r.table);
	if (hs_params_parse(&r.table, ctx->argv + 2, (size_t)ctx->argc - 2,
	    &r.parsed, &cause) < 0) {
		status = usage(&r, cause);
		goto done;
	}
	if (r.parsed.help)
		status = show_help(&r);
	else if ((status = prepare_input(&r)) == 0)
		status = call(&r);
	else if (status == 1)
		status = 0;
done:
	run_clear(&r);
	return status;
}

/* The --batch pre-flight: known service, operation and arguments. File
 * contents are not read: an earlier command may create the file. */
static int
op_check(struct hs_ctx *ctx)
{
	struct op_run r;
	char *cause = NULL;
	int status;

	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	if ((status = find_operation(&r)) == 0 && r.op != NULL) {
		hs_param_table_build(r.op, &r.table);
		if (hs_params_parse(&r.table, ctx->argv + 2,
		    (size_t)ctx->argc - 2, &r.parsed, &cause) < 0)
			status = usage(&r, cause);
	}
	run_clear(&r);
	return status;
}

/* Tell whether the last word is an option of the operation that takes a
 * value (the REPL then waits for the next line). */
static bool
op_needs_value(char *const *words, size_t n)
{
	const struct aws_service *svc;
	const struct aws_operation *op;
	const struct hs_param *p;
	struct hs_param_table t;
	const char *word = words[n - 1];
	char *cause = NULL;
	bool needs;

	if (n < 3 || !hs_starts_with(word, "--") || strchr(word, '=') != NULL)
		return false;
	svc = aws_model_get_cli(words[0], &cause);
	free(cause);
	if (svc == NULL ||
	    (op = aws_model_find_operation_cli(svc, words[1])) == NULL)
		return false;
	hs_param_table_build(op, &t);
	p = hs_param_table_find(&t, word + 2, strlen(word + 2));
	needs = p != NULL && p->arity == HS_ARITY_ONE;
	hs_param_table_clear(&t);
	return needs;
}
