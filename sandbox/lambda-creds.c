/*
 * lambda-creds.c: the credentials a function runs with. Lambda assumes
 * the function's execution role and hands the session's keys to the
 * function (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN);
 * here the session is an STS session of the sandbox (kept in the store
 * like those AssumeRole issues), named after the function, so that calls
 * the handler makes to the sandbox are judged by the role's policies.
 */
#include "hs-common.h"
#include "lambda.h"
#include "iam.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "policy/policy.h"

/* Random characters from an alphabet. */
static void
creds_random(char *out, size_t n, const char *alpha)
{
	unsigned char raw[64];
	size_t i, k = strlen(alpha);

	if (n > sizeof raw || RAND_bytes(raw, (int)n) != 1)
		BUG("RAND_bytes failed");
	for (i = 0; i < n; i++)
		out[i] = alpha[raw[i] % k];
	out[n] = '\0';
	hs_cleanse(raw, sizeof raw);
}

/* A session token: random bytes, base64. */
static char *
creds_token(void)
{
	unsigned char raw[120];
	char *token = hs_xmalloc(8 + 4 * ((sizeof raw + 2) / 3) + 1);

	if (RAND_bytes(raw, sizeof raw) != 1)
		BUG("RAND_bytes failed");
	memcpy(token, "IQoJb3Jp", 8);
	EVP_EncodeBlock((unsigned char *)token + 8, raw, sizeof raw);
	hs_cleanse(raw, sizeof raw);
	return token;
}

/* Temporary credentials of the execution role for one run. */
struct sbx_principal *
sbx_lambda_session(struct sandbox *sb, const char *role_arn,
    const char *function, time_t now, long duration, char **cause)
{
	struct sbx_role r = { 0 };
	struct sbx_principal *p;
	char key[21], secret[41];
	int f = sbx_iam_role_get_by_arn(sb->store, role_arn, &r, cause);

	if (f != 0) {
		if (f == 1)
			*cause = hs_xasprintf("the execution role '%s' does not "
			    "exist", role_arn);
		return NULL;
	}
	p = hs_xcalloc(1, sizeof *p);
	memcpy(key, "ASIA", 4);
	creds_random(key + 4, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
	creds_random(secret, 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789+/");
	p->access_key = hs_xstrdup(key);
	p->secret = hs_xstrdup(secret);
	hs_cleanse(secret, sizeof secret);
	p->session_token = creds_token();
	p->account = hs_xstrdup(sb->account_id);
	p->arn = hs_xasprintf("arn:aws:sts::%s:assumed-role/%s/%s",
	    sb->account_id, r.name, function);
	p->user_id = hs_xasprintf("%s:%s", r.role_id, function);
	p->expiration = now + duration;
	sbx_role_clear(&r);
	if (sbx_sts_session_put(sb->store, p, cause) != 0) {
		sbx_principal_free(p);
		return NULL;
	}
	return p;
}

/* Tell whether the role exists and its trust policy lets Lambda
 * (lambda.amazonaws.com) assume it. */
bool
sbx_lambda_role_trusts(struct sandbox *sb, const char *role_arn, time_t now)
{
	const struct policy_parse_opts opts = { POLICY_TRUST, NULL, NULL };
	struct policy_principal pp = { POLICY_PRINCIPAL_SERVICE,
	    "lambda.amazonaws.com", "" };
	struct policy_set set = { NULL, 0, NULL, true };
	struct policy_request req = { "sts:AssumeRole", role_arn, NULL, &pp,
	    NULL };
	struct sbx_role r = { 0 };
	struct policy *trust = NULL;
	struct policy_ctx *ctx;
	char *cause = NULL;
	bool ok = false;

	if (role_arn == NULL || sbx_iam_role_get_by_arn(sb->store, role_arn, &r,
	    &cause) != 0) {
		free(cause);
		return false;
	}
	trust = policy_parse(r.trust_policy, strlen(r.trust_policy), &opts,
	    &cause);
	free(cause);
	if (trust != NULL) {
		ctx = policy_ctx_new();
		policy_ctx_add_principal(ctx, &pp);
		policy_ctx_add_time(ctx, now);
		set.resource = trust;
		req.resource_account = sb->account_id;
		req.ctx = ctx;
		ok = policy_evaluate(&set, &req, NULL) == POLICY_ALLOW;
		policy_ctx_free(ctx);
	}
	policy_free(trust);
	sbx_role_clear(&r);
	return ok;
}
