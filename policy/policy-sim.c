/*
 * policy-sim.c: a simulation from command-line style inputs, and its
 * result as IAM's simulator prints it (JSON) or as a few lines of text.
 *
 * `policy simulate` parses its --policy and --resource-policy files with
 * policy_parse(), fills a struct policy_sim from its options, calls
 * policy_simulate(), and prints policy_result_format() or, with
 * --output json, {"EvaluationResults": [policy_result_to_json()]}.
 */
#include "hs-common.h"
#include "policy-int.h"

/* The account in a resource ARN, or NULL. */
static const char *
arn_account(const char *arn, char buf[13])
{
	struct pol_arn a;
	size_t i;

	if (arn == NULL || !pol_arn_split(arn, strlen(arn), &a) || a.len[4] != 12)
		return NULL;
	for (i = 0; i < 12; i++)
		if (a.part[4][i] < '0' || a.part[4][i] > '9')
			return NULL;
	memcpy(buf, a.part[4], 12);
	buf[12] = '\0';
	return buf;
}

static int
sim_principal(const struct policy_sim *sim, const char *owner,
    struct policy_principal *pp, char **cause)
{
	if (sim->principal != NULL)
		return policy_principal_init(pp, sim->principal, cause);
	memset(pp, 0, sizeof *pp);
	pp->type = POLICY_PRINCIPAL_AWS;
	hs_strlcpy(pp->account, owner != NULL ? owner : "123456789012",
	    sizeof pp->account);
	return 0;
}

static int
sim_check_action(const char *action, char **cause)
{
	const char *colon = action ? strchr(action, ':') : NULL;

	if (colon == NULL || colon == action || colon[1] == '\0' ||
	    strpbrk(action, "*?") != NULL) {
		*cause = hs_xasprintf("invalid action '%s': expected "
		    "SERVICE:ACTION such as s3:PutObject", action ? action : "");
		return -1;
	}
	return 0;
}

/* Build the request from sim and evaluate it. */
int
policy_simulate(const struct policy_sim *sim, struct policy_result *out,
    char **cause)
{
	struct policy_principal pp;
	struct policy_ctx *ctx = NULL;
	struct policy_set set = { sim->identity, sim->n_identity, sim->resource,
	    false };
	struct policy_request req;
	char buf[13];
	const char *owner = sim->resource_owner ? sim->resource_owner :
	    arn_account(sim->resource_arn, buf);
	size_t i;
	int rc = -1;

	if (sim_check_action(sim->action, cause) < 0 ||
	    sim_principal(sim, owner, &pp, cause) < 0)
		goto cleanup;
	ctx = policy_ctx_new();
	for (i = 0; i < sim->n_context; i++)
		if (policy_ctx_add_assignment(ctx, sim->context[i], cause) < 0)
			goto cleanup;
	policy_ctx_add_principal(ctx, &pp);
	policy_ctx_add_time(ctx, sim->now);
	req.action = sim->action;
	req.resource = sim->resource_arn;
	req.resource_account = owner;
	req.principal = &pp;
	req.ctx = ctx;
	policy_evaluate(&set, &req, out);
	rc = 0;
cleanup:
	policy_ctx_free(ctx);
	return rc;
}

static cJSON *
position_json(const struct policy_position *pos)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "Line", pos->line);
	cJSON_AddNumberToObject(o, "Column", pos->column);
	return o;
}

static cJSON *
statement_json(const struct policy_statement_ref *ref)
{
	cJSON *o = cJSON_CreateObject();
	struct policy_position start, end;

	policy_statement_span(ref->policy, ref->index, &start, &end);
	cJSON_AddStringToObject(o, "SourcePolicyId", policy_get_id(ref->policy));
	cJSON_AddStringToObject(o, "SourcePolicyType",
	    policy_get_source_type(ref->policy));
	cJSON_AddItemToObject(o, "StartPosition", position_json(&start));
	cJSON_AddItemToObject(o, "EndPosition", position_json(&end));
	return o;
}

/* The result as one of IAM's EvaluationResults. */
cJSON *
policy_result_to_json(const struct policy_sim *sim,
    const struct policy_result *r)
{
	cJSON *o = cJSON_CreateObject(), *m, *k;
	size_t i;

	cJSON_AddStringToObject(o, "EvalActionName", sim->action);
	cJSON_AddStringToObject(o, "EvalResourceName",
	    sim->resource_arn ? sim->resource_arn : "*");
	cJSON_AddStringToObject(o, "EvalDecision",
	    policy_decision_name(r->decision));
	m = cJSON_AddArrayToObject(o, "MatchedStatements");
	for (i = 0; i < r->n_matched; i++)
		cJSON_AddItemToArray(m, statement_json(&r->matched[i]));
	k = cJSON_AddArrayToObject(o, "MissingContextValues");
	for (i = 0; i < r->n_missing; i++)
		cJSON_AddItemToArray(k, cJSON_CreateString(r->missing[i]));
	return o;
}

/* One deciding statement as a line of text. */
static void
format_statement(struct hs_buf *b, const struct policy_result *r,
    const struct policy_statement_ref *ref)
{
	const struct policy *p = ref->policy;
	const char *sid = policy_statement_sid(p, ref->index);
	const char *what = p->type == POLICY_IDENTITY ? "identity policy" :
	    p->type == POLICY_TRUST ? "trust policy" : "resource policy";
	struct policy_position start, end;
	char *name = pol_statement_name(p, (long)ref->index, false);

	policy_statement_span(p, ref->index, &start, &end);
	(void)hs_buf_addf(b, "  %s by %s (%s%s%s%s, %s, line %u)\n",
	    r->decision == POLICY_EXPLICIT_DENY ? "denied" : "allowed",
	    sid ? sid : name, what, *p->id ? " '" : "", p->id, *p->id ? "'" : "",
	    name, start.line);
	free(name);
}

/* The result as text. */
char *
policy_result_format(const struct policy_sim *sim,
    const struct policy_result *r)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	(void)hs_buf_addf(&b, "%s: %s on %s\n", policy_decision_name(r->decision),
	    sim->action, sim->resource_arn ? sim->resource_arn : "*");
	for (i = 0; i < r->n_matched; i++)
		format_statement(&b, r, &r->matched[i]);
	(void)hs_buf_addf(&b, "  %s\n", r->reason);
	for (i = 0; i < r->n_missing; i++)
		(void)hs_buf_addf(&b, "%s%s", i ? ", " : "  missing context "
		    "values: ", r->missing[i]);
	if (r->n_missing > 0)
		(void)hs_buf_addch(&b, '\n');
	return hs_buf_detach(&b, NULL);
}
