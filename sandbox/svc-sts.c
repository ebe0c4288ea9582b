/*
 * svc-sts.c: STS (query protocol): GetCallerIdentity and AssumeRole.
 *
 * Model-driven: the shared protocol code decodes c->input and encodes
 * c->output (model.c). AssumeRole evaluates the role's trust policy with the policy engine
 * (the caller, sts:ExternalId, sts:RoleSessionName and the request's
 * global keys) and issues temporary credentials (ASIA... key, secret,
 * session token) kept in the store until they expire, so the sandbox
 * accepts them on every service; refused requests get STS's
 * AccessDenied without telling whether the role exists. Session policies,
 * session tags and MFA answer NotImplemented: ignoring them would grant
 * more than AWS would.
 */
#include "hs-common.h"
#include "svc.h"
#include "store.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "policy/policy.h"

/* A string member of the input, or NULL. */
static const char *
in_str(const struct sbx_call *c, const char *name)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c->input,
	    name));
}

/* GetCallerIdentity. */
static int
sts_get_caller_identity(struct sbx_call *c)
{
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "UserId", c->who->user_id);
	cJSON_AddStringToObject(c->output, "Account", c->who->account);
	cJSON_AddStringToObject(c->output, "Arn", c->who->arn);
	return 0;
}

/* Answer STS's ValidationError for one parameter. */
static int
sts_invalid(struct sbx_call *c, const char *value, const char *member,
    const char *constraint)
{
	return sbx_fail(c, 400, "ValidationError", "1 validation error "
	    "detected: Value '%s' at '%s' failed to satisfy constraint: Member "
	    "must %s", value ? value : "null", member, constraint);
}

/* Check RoleArn, RoleSessionName and DurationSeconds. */
static int
sts_assume_params(struct sbx_call *c, long *duration)
{
	const char *arn = in_str(c, "RoleArn");
	const char *name = in_str(c, "RoleSessionName");
	cJSON *dur = cJSON_GetObjectItemCaseSensitive(c->input, "DurationSeconds");
	char num[32];
	size_t i;

	if (in_str(c, "Policy") || cJSON_GetArraySize(
	    cJSON_GetObjectItemCaseSensitive(c->input, "PolicyArns")) > 0 ||
	    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c->input,
	    "Tags")) > 0 || in_str(c, "SerialNumber"))
		return sbx_fail(c, 501, "NotImplemented", "The sandbox does not "
		    "support session policies, session tags or MFA in "
		    "AssumeRole");
	if (arn == NULL || strlen(arn) < 20)
		return sts_invalid(c, arn, "roleArn", "have length greater than "
		    "or equal to 20");
	if (name == NULL || strlen(name) < 2 || strlen(name) > 64)
		return sts_invalid(c, name, "roleSessionName", "have length "
		    "between 2 and 64");
	for (i = 0; name[i] != '\0'; i++)
		if (!isalnum((unsigned char)name[i]) &&
		    strchr("_+=,.@-", name[i]) == NULL)
			return sts_invalid(c, name, "roleSessionName", "satisfy "
			    "regular expression pattern: [\\w+=,.@-]*");
	*duration = cJSON_IsNumber(dur) ? (long)dur->valuedouble : 3600;
	snprintf(num, sizeof num, "%ld", *duration);
	if (*duration < 900 || *duration > 43200)
		return sts_invalid(c, num, "durationSeconds", "be greater than "
		    "or equal to 900 and less than or equal to 43200");
	return 0;
}

/* Answer AssumeRole's AccessDenied. */
static int
sts_denied(struct sbx_call *c, const char *role_arn)
{
	return sbx_fail(c, 403, "AccessDenied", "User: %s is not authorized to "
	    "perform: sts:AssumeRole on resource: %s", c->who->arn, role_arn);
}

/* The request context of an AssumeRole. */
static struct policy_ctx *
sts_context(struct sbx_call *c, const struct policy_principal *pp)
{
	struct policy_ctx *ctx = policy_ctx_new();
	const char *ext = in_str(c, "ExternalId");

	if (ext != NULL)
		policy_ctx_add(ctx, "sts:ExternalId", ext);
	policy_ctx_add(ctx, "sts:RoleSessionName", in_str(c, "RoleSessionName"));
	policy_ctx_add(ctx, "aws:SecureTransport", c->secure ? "true" : "false");
	if (c->client_ip && *c->client_ip)
		policy_ctx_add(ctx, "aws:SourceIp", c->client_ip);
	policy_ctx_add(ctx, "aws:userid", c->who->user_id);
	policy_ctx_add_principal(ctx, pp);
	policy_ctx_add_time(ctx, c->now);
	return ctx;
}

/* Evaluate the role's trust policy for the caller. */
static bool
sts_trusts(struct sbx_call *c, const struct sbx_role *r)
{
	static const char admin[] = "{\"Version\":\"2012-10-17\",\"Statement\":"
	    "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
	const struct policy_parse_opts topts = { POLICY_TRUST, NULL, NULL };
	struct policy_principal pp = { POLICY_PRINCIPAL_AWS, c->who->arn, "" };
	struct policy *trust, *id = NULL;
	const struct policy *ids[1];
	struct policy_set set = { ids, 0, NULL, true };
	struct policy_request req = { "sts:AssumeRole", r->arn, NULL, &pp, NULL };
	struct policy_ctx *ctx;
	char *cause = NULL;
	bool ok;

	trust = policy_parse(r->trust_policy, strlen(r->trust_policy), &topts,
	    &cause);
	free(cause);
	if (trust == NULL)
		return false;
	hs_strlcpy(pp.account, c->who->account, sizeof pp.account);
	/* credentials-file users act as administrators (see s3-authz.c) */
	if (c->who->session_token == NULL &&
	    (id = policy_parse(admin, strlen(admin), NULL, NULL)) != NULL)
		ids[set.n_identity++] = id;
	set.resource = trust;
	req.resource_account = c->sb->account_id;
	ctx = sts_context(c, &pp);
	req.ctx = ctx;
	ok = policy_evaluate(&set, &req, NULL) == POLICY_ALLOW;
	policy_ctx_free(ctx);
	policy_free(trust);
	policy_free(id);
	return ok;
}

/* Random characters from an alphabet. */
static void
sts_random(char *out, size_t n, const char *alpha)
{
	unsigned char raw[256];
	size_t i, k = strlen(alpha);

	if (n > sizeof raw || RAND_bytes(raw, (int)n) != 1)
		BUG("RAND_bytes failed");
	for (i = 0; i < n; i++)
		out[i] = alpha[raw[i] % k];
	out[n] = '\0';
	hs_cleanse(raw, sizeof raw);
}

/* Make the session's credentials and principal. */
static struct sbx_principal *
sts_session(struct sbx_call *c, const struct sbx_role *r, const char *name,
    long duration)
{
	struct sbx_principal *p = hs_xcalloc(1, sizeof *p);
	unsigned char raw[180];
	char key[21], secret[41], *token;

	memcpy(key, "ASIA", 4);
	sts_random(key + 4, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
	sts_random(secret, 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrst"
	    "uvwxyz0123456789+/");
	if (RAND_bytes(raw, sizeof raw) != 1)
		BUG("RAND_bytes failed");
	token = hs_xmalloc(8 + 4 * ((sizeof raw + 2) / 3) + 1);
	memcpy(token, "IQoJb3Jp", 8);
	EVP_EncodeBlock((unsigned char *)token + 8, raw, sizeof raw);
	p->access_key = hs_xstrdup(key);
	p->secret = hs_xstrdup(secret);
	p->session_token = token;
	p->account = hs_xstrdup(c->sb->account_id);
	p->arn = hs_xasprintf("arn:aws:sts::%s:assumed-role/%s/%s",
	    c->sb->account_id, r->name, name);
	p->user_id = hs_xasprintf("%s:%s", r->role_id, name);
	p->expiration = c->now + duration;
	hs_cleanse(secret, sizeof secret);
	hs_cleanse(raw, sizeof raw);
	return p;
}

/* Set the AssumeRole output. */
static void
sts_assume_answer(struct sbx_call *c, const struct sbx_principal *p)
{
	cJSON *cred, *user;
	char when[40];
	struct tm tm;

	hs_gmtime(p->expiration, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	c->output = cJSON_CreateObject();
	cred = cJSON_AddObjectToObject(c->output, "Credentials");
	cJSON_AddStringToObject(cred, "AccessKeyId", p->access_key);
	cJSON_AddStringToObject(cred, "SecretAccessKey", p->secret);
	cJSON_AddStringToObject(cred, "SessionToken", p->session_token);
	cJSON_AddStringToObject(cred, "Expiration", when);
	user = cJSON_AddObjectToObject(c->output, "AssumedRoleUser");
	cJSON_AddStringToObject(user, "AssumedRoleId", p->user_id);
	cJSON_AddStringToObject(user, "Arn", p->arn);
}

/* AssumeRole. */
static int
sts_assume_role(struct sbx_call *c)
{
	const char *arn = in_str(c, "RoleArn");
	struct sbx_role r = { 0 };
	struct sbx_principal *p = NULL;
	char *cause = NULL;
	long duration = 3600;
	int f, rc = -1;

	if (sts_assume_params(c, &duration) != 0)
		return -1;
	f = sbx_iam_role_get_by_arn(c->sb->store, arn, &r, &cause);
	if (f < 0) {
		free(cause);
		return sbx_fail(c, 500, "InternalFailure", "internal error");
	}
	if (f == 1 || !sts_trusts(c, &r)) {
		sts_denied(c, arn);
		goto cleanup;
	}
	if (duration > r.max_session) {
		sbx_fail(c, 400, "ValidationError", "The requested "
		    "DurationSeconds exceeds the MaxSessionDuration set for this "
		    "role.");
		goto cleanup;
	}
	p = sts_session(c, &r, in_str(c, "RoleSessionName"), duration);
	if (sbx_sts_session_put(c->sb->store, p, &cause) != 0) {
		free(cause);
		sbx_fail(c, 500, "InternalFailure", "internal error");
		goto cleanup;
	}
	sts_assume_answer(c, p);
	rc = 0;
cleanup:
	sbx_principal_free(p);
	sbx_role_clear(&r);
	return rc;
}

const struct sbx_op sbx_sts_ops[] = {
	{ "AssumeRole", sts_assume_role },
	{ "GetCallerIdentity", sts_get_caller_identity },
};
const size_t sbx_sts_n_ops = HS_ARRAY_SIZE(sbx_sts_ops);
