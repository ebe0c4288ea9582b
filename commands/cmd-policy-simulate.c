/*
 * cmd-policy-simulate.c: `policy simulate`, IAM's policy simulator
 * offline: may this principal do this action on this resource, given
 * these policies and this request context? No AWS call is made.
 *
 * --policy DOC (repeatable) are identity policies (IAM's
 * PolicyInputList); --resource-policy DOC is the resource's policy (a
 * bucket policy, or a role's trust policy for sts:AssumeRole); DOC is
 * file://P.json or the JSON itself (cmd-policy-doc.c). --context
 * KEY=VALUE gives a condition key one value; the same key given again
 * gets another (a multi-valued key, for ForAnyValue:/ForAllValues:). A
 * value is taken as it is, commas included, because values such as
 * user agents hold commas. The principal's keys (aws:PrincipalArn...)
 * and the time are added unless --context gives them.
 *
 * The answer is printed as text (the decision, each deciding statement
 * with its Sid, policy and line, why, and the missing context keys), or
 * with --output json as the AWS CLI prints IAM's SimulateCustomPolicy:
 * {"EvaluationResults": [{EvalActionName, EvalResourceName, EvalDecision
 * (allowed, explicitDeny, implicitDeny), MatchedStatements, and
 * MissingContextValues}]}, each matched statement with IAM's Statement
 * fields (SourcePolicyId, SourcePolicyType, StartPosition, EndPosition)
 * and, as hipaa-shell's addition, its Sid when it has one.
 *
 * Exit status: 0 whatever the decision (the simulation ran); 252 for
 * bad input (options, a policy AWS would reject); 255 for a file that
 * cannot be read.
 */
#include "hs-common.h"
#include "commands-int.h"

static const struct hs_cmd_opt simulate_opts[] = {
	{ "--action", HS_ARG_VALUE, "SERVICE:ACTION",
	  "the action asked for, e.g. s3:PutObject (required)" },
	{ "--context", HS_ARG_VALUE | HS_ARG_REPEAT, "KEY=VALUE",
	  "a condition key's value; the same key again adds a value" },
	{ "--policy", HS_ARG_VALUE | HS_ARG_REPEAT, "DOC",
	  "an identity policy, file://P.json or the JSON (repeatable)" },
	{ "--principal", HS_ARG_VALUE, "ARN",
	  "who asks: an IAM or STS ARN, an account ID, a service principal "
	  "such as s3.amazonaws.com, or anonymous" },
	{ "--resource", HS_ARG_VALUE, "ARN",
	  "the resource, e.g. arn:aws:s3:::phi-demo/data/x.phi (default *)" },
	{ "--resource-owner", HS_ARG_VALUE, "ACCOUNT",
	  "the resource's account (default: the ARN's, else the principal's)" },
	{ "--resource-policy", HS_ARG_VALUE, "DOC",
	  "the resource's policy (bucket, trust...), file://R.json or the JSON" },
	{ NULL, 0, NULL, NULL },
};

/* The parsed policies and the borrowed option values of one run. */
struct sim_run {
	struct policy **identity;
	size_t n_identity;
	struct policy *resource;
	const char **context;
	size_t n_context;
};

/* Tell whether action is SERVICE:ACTION without wildcards. */
static bool
action_ok(const char *action)
{
	const char *colon = strchr(action, ':');

	return colon != NULL && colon != action && colon[1] != '\0' &&
	    strpbrk(action, "*? ") == NULL;
}

/* Tell whether s is a 12-digit account ID. */
static bool
account_ok(const char *s)
{
	return strlen(s) == 12 && strspn(s, "0123456789") == 12;
}

/* Check one --context entry; a status. */
static int
check_context(struct hs_ctx *ctx, const char *kv)
{
	struct policy_ctx *pc = policy_ctx_new();
	char *cause = NULL;
	int rc = 0;

	if (policy_ctx_add_assignment(pc, kv, &cause) < 0) {
		rc = hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE, "%s", cause);
		free(cause);
	}
	policy_ctx_free(pc);
	return rc;
}

/* Check a --context entry or the form of a policy document; a status. */
static int
check_value(struct hs_ctx *ctx, const struct hs_arg *a)
{
	if (strcmp(a->opt->name, "--context") == 0)
		return check_context(ctx, a->value);
	if (strcmp(a->opt->name, "--policy") == 0 ||
	    strcmp(a->opt->name, "--resource-policy") == 0)
		return hs_policy_check_form(ctx, a->value);
	return 0;
}

/* Check the principal spec, if any; a status. */
static int
check_principal(struct hs_ctx *ctx, const char *spec)
{
	struct policy_principal pp;
	char *cause = NULL;

	if (spec == NULL || policy_principal_init(&pp, spec, &cause) == 0)
		return 0;
	hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE, "%s",
	    cause);
	free(cause);
	return HS_EXIT_USAGE;
}

/* Check what can be checked without reading the policies; a status. */
static int
simulate_check(struct hs_ctx *ctx)
{
	const char *action = hs_args_value(&ctx->args, "--action");
	const char *owner = hs_args_value(&ctx->args, "--resource-owner");
	size_t i;
	int rc;

	if (action == NULL)
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "missing --action SERVICE:ACTION, e.g. --action "
		    "s3:PutObject");
	if (!action_ok(action))
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "invalid --action '%s': expected SERVICE:ACTION, e.g. "
		    "s3:PutObject", action);
	if (!hs_args_has(&ctx->args, "--policy") &&
	    !hs_args_has(&ctx->args, "--resource-policy"))
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "nothing to simulate: give --policy DOC, --resource-policy "
		    "DOC or both");
	if (owner != NULL && !account_ok(owner))
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "invalid --resource-owner '%s': expected a 12-digit "
		    "account ID", owner);
	for (i = 0; i < ctx->args.nopts; i++)
		if ((rc = check_value(ctx, &ctx->args.opts[i])) != 0)
			return rc;
	return check_principal(ctx, hs_args_value(&ctx->args, "--principal"));
}

/* Load the policy of one --policy or --resource-policy; a status. */
static int
load_one(struct hs_ctx *ctx, struct sim_run *run, const struct hs_arg *a)
{
	char *id;
	int rc;

	if (strcmp(a->opt->name, "--resource-policy") == 0)
		return hs_policy_load(ctx, a->value, HS_POLICY_RESOURCE,
		    "ResourcePolicy", &run->resource);
	id = hs_xasprintf("PolicyInputList.%zu", run->n_identity + 1);
	rc = hs_policy_load(ctx, a->value, HS_POLICY_IDENTITY, id,
	    &run->identity[run->n_identity]);
	if (rc == 0)
		run->n_identity++;
	free(id);
	return rc;
}

/* Read the policies and collect the context entries, in order. */
static int
collect(struct hs_ctx *ctx, struct sim_run *run)
{
	size_t i;
	int rc;

	run->identity = hs_xcalloc(ctx->args.nopts + 1, sizeof *run->identity);
	run->context = hs_xcalloc(ctx->args.nopts + 1, sizeof *run->context);
	for (i = 0; i < ctx->args.nopts; i++) {
		const struct hs_arg *a = &ctx->args.opts[i];

		if (strcmp(a->opt->name, "--context") == 0)
			run->context[run->n_context++] = a->value;
		else if ((strcmp(a->opt->name, "--policy") == 0 ||
		    strcmp(a->opt->name, "--resource-policy") == 0) &&
		    (rc = load_one(ctx, run, a)) != 0)
			return rc;
	}
	return 0;
}

/* Free what collect() made. */
static void
run_clear(struct sim_run *run)
{
	size_t i;

	for (i = 0; i < run->n_identity; i++)
		policy_free(run->identity[i]);
	free(run->identity);
	policy_free(run->resource);
	free(run->context);
}

/* Print the result as {"EvaluationResults": [...]}, with Sids added. */
static void
print_json(FILE *out, const struct policy_sim *sim,
    const struct policy_result *r)
{
	cJSON *o = cJSON_CreateObject(), *res = policy_result_to_json(sim, r);
	cJSON *st;
	size_t i = 0;

	cJSON_ArrayForEach(st, cJSON_GetObjectItem(res, "MatchedStatements")) {
		const char *sid = i < r->n_matched ? policy_statement_sid(
		    r->matched[i].policy, r->matched[i].index) : NULL;

		if (sid != NULL)
			cJSON_AddStringToObject(st, "Sid", sid);
		i++;
	}
	cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "EvaluationResults"),
	    res);
	hs_json_print(out, o);
	cJSON_Delete(o);
}

/* Fill sim from the options and the loaded policies. */
static void
sim_init(struct policy_sim *sim, struct hs_ctx *ctx, const struct sim_run *run,
    time_t now)
{
	memset(sim, 0, sizeof *sim);
	sim->identity = (const struct policy *const *)run->identity;
	sim->n_identity = run->n_identity;
	sim->resource = run->resource;
	sim->action = hs_args_value(&ctx->args, "--action");
	sim->resource_arn = hs_args_value(&ctx->args, "--resource");
	sim->resource_owner = hs_args_value(&ctx->args, "--resource-owner");
	sim->principal = hs_args_value(&ctx->args, "--principal");
	sim->context = run->context;
	sim->n_context = run->n_context;
	sim->now = now;
}

/* Simulate the request and print the answer. */
static int
simulate_exec(struct hs_ctx *ctx)
{
	struct sim_run run;
	struct policy_sim sim;
	struct policy_result r = POLICY_RESULT_INIT;
	char *cause = NULL, *text;
	int rc;

	memset(&run, 0, sizeof run);
	if ((rc = simulate_check(ctx)) != 0 || (rc = collect(ctx, &run)) != 0)
		goto cleanup;
	sim_init(&sim, ctx, &run, time(NULL));
	if (policy_simulate(&sim, &r, &cause) < 0) {
		rc = hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE, "%s", cause);
		free(cause);
		goto cleanup;
	}
	if (hs_output_is_json(ctx)) {
		print_json(ctx->out, &sim, &r);
	} else {
		text = policy_result_format(&sim, &r);
		fputs(text, ctx->out);
		free(text);
	}
cleanup:
	policy_result_clear(&r);
	run_clear(&run);
	return rc;
}

const struct hs_cmd hs_cmd_policy_simulate = {
	.name = "simulate",
	.args = { .options = simulate_opts, .min = 0, .max = 0 },
	.usage = "--policy file://P.json [--resource-policy file://R.json] "
	    "--action SERVICE:ACTION [--resource ARN] [--principal ARN] "
	    "[--context KEY=VALUE ...]",
	.summary = "decide a request against policies offline, as IAM's "
	    "policy simulator",
	.exec = simulate_exec,
	.check = simulate_check,
};
