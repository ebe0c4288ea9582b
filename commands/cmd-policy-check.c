/*
 * cmd-policy-check.c: `policy check DOC [--phi-bucket NAME ...]`, what a
 * careful security engineer would say about a policy, offline.
 *
 * DOC is file://POLICY.json or the JSON itself (cmd-policy-doc.c); its
 * kind (identity, bucket or trust policy) is guessed from its elements.
 * Each finding is printed as policy/ writes it: severity, statement (JSON
 * path and Sid), message, then "  fix: ..." on a line of its own; a last
 * line counts them. With --output json: {"Findings": [...]}, each with
 * Severity, Code, Statement, Sid, Line, Message and Fix. Actions are
 * checked against the installed service models (cmd-policy-models.c).
 *
 * Exit status: 0 when no finding is an error (warnings allowed); 1 with
 * code PolicyCheckFailed when one is, so that a runbook stops there.
 */
#include "hs-common.h"
#include "commands-int.h"

static const struct hs_cmd_opt check_opts[] = {
	{ "--phi-bucket", HS_ARG_VALUE | HS_ARG_REPEAT, "NAME",
	  "a bucket that holds PHI (repeatable): its bucket policy must deny "
	  "uploads without SSE and requests without TLS" },
	{ NULL, 0, NULL, NULL },
};

/* Tell whether s is a valid S3 bucket name: 3 to 63 lower-case letters,
 * digits, dots and hyphens, starting and ending with a letter or digit. */
static bool
bucket_name_ok(const char *s)
{
	size_t len = strlen(s);

	return len >= 3 && len <= 63 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789.-") == len &&
	    strchr(".-", s[0]) == NULL && strchr(".-", s[len - 1]) == NULL;
}

/* Collect the --phi-bucket names into o (o->phi_buckets is *names,
 * borrowed from ctx, freed by the caller); a status. */
static int
phi_buckets(struct hs_ctx *ctx, const char ***names,
    struct policy_lint_opts *o)
{
	size_t i;

	*names = hs_xcalloc(ctx->args.nopts + 1, sizeof **names);
	o->phi_buckets = *names;
	for (i = 0; i < ctx->args.nopts; i++) {
		const char *v = ctx->args.opts[i].value;

		if (strcmp(ctx->args.opts[i].opt->name, "--phi-bucket") != 0)
			continue;
		if (!bucket_name_ok(v))
			return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
			    "invalid bucket name '%s' for --phi-bucket: 3 to 63 "
			    "lower-case letters, digits, dots and hyphens, "
			    "e.g. phi-demo", v);
		(*names)[o->n_phi_buckets++] = v;
	}
	return 0;
}

/* Print the findings as text, and a last line that counts them. */
static void
print_text(FILE *out, const struct policy *p, const struct policy_findings *f)
{
	size_t i, errors = policy_findings_errors(f), warnings = f->n - errors;

	for (i = 0; i < f->n; i++) {
		char *s = policy_finding_format(p, &f->items[i]);

		fprintf(out, "%s\n", s);
		free(s);
	}
	if (f->n == 0)
		fprintf(out, "%s: no findings\n", policy_get_id(p));
	else
		fprintf(out, "%s: %zu error%s, %zu warning%s\n",
		    policy_get_id(p), errors, errors == 1 ? "" : "s",
		    warnings, warnings == 1 ? "" : "s");
}

/* Print the findings as {"Findings": [...]}. */
static void
print_json(FILE *out, const struct policy *p, const struct policy_findings *f)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "Findings", policy_findings_to_json(p, f));
	hs_json_print(out, o);
	cJSON_Delete(o);
}

/* Lint the policy; exit 1 when a finding is an error. */
static int
check_exec(struct hs_ctx *ctx)
{
	struct policy_lint_opts o = { NULL, 0, hs_action_models_check, NULL };
	struct policy_findings f = POLICY_FINDINGS_INIT;
	struct policy *p = NULL;
	const char **names = NULL;
	size_t errors;
	int rc;

	if ((rc = phi_buckets(ctx, &names, &o)) != 0 ||
	    (rc = hs_policy_load(ctx, ctx->args.pos[0], HS_POLICY_ANY,
	    "PolicyInputList.1", &p)) != 0)
		goto cleanup;
	o.check_action_arg = hs_action_models_new();
	errors = policy_lint(p, &o, &f);
	if (hs_output_is_json(ctx))
		print_json(ctx->out, p, &f);
	else
		print_text(ctx->out, p, &f);
	if (errors > 0)
		rc = hs_ctx_fail(ctx, HS_EXIT_POLICY_ERRORS, HS_ERR_POLICY_CHECK,
		    "policy '%s' has %zu error%s", policy_get_id(p), errors,
		    errors == 1 ? "" : "s");
cleanup:
	hs_action_models_free(o.check_action_arg);
	policy_findings_clear(&f);
	policy_free(p);
	free(names);
	return rc;
}

/* The --batch pre-flight: the bucket names and the form of DOC (the
 * file may not exist yet). */
static int
check_check(struct hs_ctx *ctx)
{
	struct policy_lint_opts o = { NULL, 0, NULL, NULL };
	const char **names = NULL;
	int rc = phi_buckets(ctx, &names, &o);

	free(names);
	return rc != 0 ? rc : hs_policy_check_form(ctx, ctx->args.pos[0]);
}

const struct hs_cmd hs_cmd_policy_check = {
	.name = "check",
	.args = { .options = check_opts, .min = 1, .max = 1 },
	.usage = "file://POLICY.json [--phi-bucket NAME ...]",
	.summary = "lint a policy document: findings with severity, statement "
	    "and fix",
	.exec = check_exec,
	.check = check_check,
};
