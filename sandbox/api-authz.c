/*
 * api-authz.c: who may call IAM, Lambda, ECR and CloudWatch Logs on the
 * sandbox. Credentials-file principals of the sandbox's account act as
 * administrators (as for S3, s3-authz.c); STS role sessions get what their
 * role's identity policies allow, evaluated by the policy engine with the
 * request's global condition keys; principals of other accounts get
 * nothing, since no resource policy of these services grants them access
 * in the sandbox. The same evaluation tells Lambda what a function's
 * execution role may do (write its logs).
 */
#include "hs-common.h"
#include "api.h"
#include "iam.h"

#include "policy/policy.h"

/* The role name of an assumed-role ARN, or NULL (caller frees). */
static char *
authz_role_of(const char *arn)
{
	const char *p = strstr(arn, ":assumed-role/");
	const char *end;

	if (p == NULL)
		return NULL;
	p += strlen(":assumed-role/");
	end = strchr(p, '/');
	return end ? hs_xstrndup(p, (size_t)(end - p)) : NULL;
}

/* Parse a role's identity policies; the count, or -1. */
static int
authz_role_policies(struct sandbox *sb, const char *role,
    struct policy ***out)
{
	const struct policy_parse_opts opts = { POLICY_IDENTITY, NULL, "role" };
	char **docs = NULL, *cause = NULL;
	size_t n = 0, i;
	int k = 0;

	*out = NULL;
	if (sbx_iam_role_documents(sb->store, role, &docs, &n, &cause) != 0) {
		free(cause);
		return -1;
	}
	*out = hs_xcalloc(n + 1, sizeof **out);
	for (i = 0; i < n; i++) {
		struct policy *p = policy_parse(docs[i], strlen(docs[i]), &opts,
		    &cause);
		free(cause);
		cause = NULL;
		if (p != NULL)
			(*out)[k++] = p;
	}
	sbx_strv_free(docs, n);
	return k;
}

/* The parsed identity policies of the role of an STS session ARN. */
size_t
sbx_api_session_policies(struct sandbox *sb, const char *session_arn,
    struct policy ***out)
{
	char *role = authz_role_of(session_arn);
	int n;

	*out = NULL;
	n = role ? authz_role_policies(sb, role, out) : 0;
	free(role);
	if (n <= 0) {
		free(*out);
		*out = NULL;
		return 0;
	}
	return (size_t)n;
}

/* Free parsed policies. */
void
sbx_api_policies_free(struct policy **p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		policy_free(p[i]);
	free(p);
}

/* Evaluate a role's identity policies for a principal and context. */
static bool
authz_evaluate(struct sandbox *sb, const char *role,
    const struct policy_principal *pp, const struct policy_ctx *ctx,
    const char *action, const char *resource)
{
	struct policy **pols = NULL;
	struct policy_set set = { NULL, 0, NULL, false };
	struct policy_request req = { action, resource, sb->account_id, pp,
	    ctx };
	int n = authz_role_policies(sb, role, &pols), i;
	bool ok;

	if (n < 0)
		return false;
	set.identity = (const struct policy *const *)pols;
	set.n_identity = (size_t)n;
	ok = policy_evaluate(&set, &req, NULL) == POLICY_ALLOW;
	for (i = 0; i < n; i++)
		policy_free(pols[i]);
	free(pols);
	return ok;
}

/* The role's identity policies allow action on resource. */
bool
sbx_api_role_allows(struct sandbox *sb, const char *role_name,
    const char *action, const char *resource, time_t now)
{
	char *arn = hs_xasprintf("arn:aws:sts::%s:assumed-role/%s/sandbox",
	    sb->account_id, role_name);
	struct policy_principal pp = { POLICY_PRINCIPAL_AWS, arn, "" };
	struct policy_ctx *ctx = policy_ctx_new();
	bool ok;

	hs_strlcpy(pp.account, sb->account_id, sizeof pp.account);
	policy_ctx_add_principal(ctx, &pp);
	policy_ctx_add_time(ctx, now);
	ok = authz_evaluate(sb, role_name, &pp, ctx, action, resource);
	policy_ctx_free(ctx);
	free(arn);
	return ok;
}

/* The request context of a call by a role session. */
static struct policy_ctx *
authz_context(struct sbx_call *c, const struct policy_principal *pp)
{
	struct policy_ctx *ctx = policy_ctx_new();

	policy_ctx_add(ctx, "aws:SecureTransport", c->secure ? "true" : "false");
	if (c->client_ip != NULL && *c->client_ip != '\0')
		policy_ctx_add(ctx, "aws:SourceIp", c->client_ip);
	policy_ctx_add(ctx, "aws:userid", c->who->user_id);
	policy_ctx_add(ctx, "aws:RequestedRegion", c->region ? c->region :
	    "us-east-1");
	policy_ctx_add_principal(ctx, pp);
	policy_ctx_add_time(ctx, c->now);
	return ctx;
}

/* Tell whether a role session's policies allow the call. */
static bool
authz_session_allows(struct sbx_call *c, const char *action,
    const char *resource)
{
	struct policy_principal pp = { POLICY_PRINCIPAL_AWS, c->who->arn, "" };
	char *role = authz_role_of(c->who->arn);
	struct policy_ctx *ctx;
	bool ok;

	if (role == NULL)
		return false;
	hs_strlcpy(pp.account, c->who->account, sizeof pp.account);
	ctx = authz_context(c, &pp);
	ok = authz_evaluate(c->sb, role, &pp, ctx, action, resource);
	policy_ctx_free(ctx);
	free(role);
	return ok;
}

/* Decide whether the caller may do action on resource. */
int
sbx_api_authorize(struct sbx_call *c, const char *code, const char *action,
    const char *resource)
{
	const char *res = resource ? resource : "*";

	if (strcmp(c->who->account, c->sb->account_id) != 0)
		return sbx_fail(c, 403, code, "User: %s is not authorized to "
		    "perform: %s on resource: %s because no resource-based "
		    "policy allows the %s action", c->who->arn, action, res,
		    action);
	if (c->who->session_token == NULL)
		return 0;
	if (authz_session_allows(c, action, resource))
		return 0;
	return sbx_fail(c, 403, code, "User: %s is not authorized to perform: "
	    "%s on resource: %s because no identity-based policy allows the "
	    "%s action", c->who->arn, action, res, action);
}
