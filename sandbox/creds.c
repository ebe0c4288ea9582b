/*
 * creds.c: the principals a sandbox knows, and who an access key is.
 *
 * Without --credentials the one principal is the account's root user with
 * the access key "test" and the secret "test". A credentials file is JSON:
 *   [ { "AccessKeyId": "AKIA...", "SecretAccessKey": "...",
 *       "Arn": "arn:aws:iam::111111111111:user/alice",
 *       "UserId": "AIDA..." (optional) }, ... ]
 * or an object { "Users": [ the same ], "Roles": [ { "RoleName": "r",
 *   "AssumeRolePolicyDocument": { ... }, "Path": "/", "MaxSessionDuration":
 *   3600 } ] } whose roles (in the sandbox's account) STS AssumeRole can
 * assume until issue 7's IAM creates them through the API.
 * The account of each principal is the one in its ARN. STS sessions
 * (AssumeRole) live in the store and are found here too until they expire.
 */
#include "hs-common.h"
#include "sbx.h"
#include "store.h"

#include "policy/policy.h"

#include <openssl/evp.h>

struct sbx_creds {
	struct sbx_principal *p;
	size_t n;
};

/* A copy of a principal. */
struct sbx_principal *
sbx_principal_dup(const struct sbx_principal *p)
{
	struct sbx_principal *d = hs_xcalloc(1, sizeof *d);

	d->access_key = hs_xstrdup(p->access_key);
	d->secret = hs_xstrdup(p->secret);
	d->session_token = p->session_token ? hs_xstrdup(p->session_token) :
	    NULL;
	d->arn = hs_xstrdup(p->arn);
	d->account = hs_xstrdup(p->account);
	d->user_id = hs_xstrdup(p->user_id);
	d->expiration = p->expiration;
	return d;
}

/* Free a principal's strings, wiping its secrets. */
static void
principal_clear(struct sbx_principal *p)
{
	free(p->access_key);
	hs_free_secret(p->secret);
	hs_free_secret(p->session_token);
	free(p->arn);
	free(p->account);
	free(p->user_id);
}

/* Free a principal, wiping its secrets (NULL is fine). */
void
sbx_principal_free(struct sbx_principal *p)
{
	if (p == NULL)
		return;
	principal_clear(p);
	free(p);
}

/* Free the principals of the credentials file. */
void
sbx_creds_free(struct sbx_creds *cr)
{
	size_t i;

	if (cr == NULL)
		return;
	for (i = 0; i < cr->n; i++)
		principal_clear(&cr->p[i]);
	free(cr->p);
	free(cr);
}

/* The account ID in an IAM ARN ("arn:aws:iam::ACCOUNT:..."), or NULL. */
static char *
arn_account(const char *arn)
{
	const char *p = arn;
	int field;

	for (field = 0; field < 4; field++) {
		p = strchr(p, ':');
		if (p == NULL)
			return NULL;
		p++;
	}
	if (strlen(p) < 13 || p[12] != ':' || strspn(p, "0123456789") != 12)
		return NULL;
	return hs_xstrndup(p, 12);
}

/* A stable IAM-style unique ID: prefix ("AIDA", "AROA") + 17 characters. */
char *
sbx_unique_id(const char *prefix, const char *seed)
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char md[32];
	unsigned int mdlen = 0;
	char out[32];
	int i;

	EVP_Digest(seed, strlen(seed), md, &mdlen, EVP_sha256(), NULL);
	memcpy(out, prefix, 4);
	for (i = 0; i < 17; i++)
		out[4 + i] = alpha[md[i] & 31];
	out[21] = '\0';
	return hs_xstrdup(out);
}

/* The unique ID of a principal: the account for root, else AIDA... */
static char *
principal_user_id(const char *arn, const char *account)
{
	if (hs_ends_with(arn, ":root"))
		return hs_xstrdup(account);
	return sbx_unique_id("AIDA", arn);
}

/* Read one principal of a credentials file. */
static int
creds_parse_one(const cJSON *item, size_t i, struct sbx_principal *p,
    const char *file, char **cause)
{
	const char *ak = cJSON_GetStringValue(cJSON_GetObjectItem(item,
	    "AccessKeyId"));
	const char *sk = cJSON_GetStringValue(cJSON_GetObjectItem(item,
	    "SecretAccessKey"));
	const char *arn = cJSON_GetStringValue(cJSON_GetObjectItem(item, "Arn"));
	const char *uid = cJSON_GetStringValue(cJSON_GetObjectItem(item,
	    "UserId"));
	char *account;

	if (ak == NULL || sk == NULL || arn == NULL) {
		*cause = hs_xasprintf("%s: entry %zu: AccessKeyId, "
		    "SecretAccessKey and Arn are required strings", file, i);
		return -1;
	}
	account = arn_account(arn);
	if (account == NULL) {
		*cause = hs_xasprintf("%s: entry %zu: '%s' is not an IAM ARN "
		    "with a 12-digit account (arn:aws:iam::ACCOUNT:user/NAME)",
		    file, i, arn);
		return -1;
	}
	p->access_key = hs_xstrdup(ak);
	p->secret = hs_xstrdup(sk);
	p->arn = hs_xstrdup(arn);
	p->account = account;
	p->user_id = uid ? hs_xstrdup(uid) : principal_user_id(arn, account);
	return 0;
}

/* Store one role of the credentials file. */
static int
creds_role(struct sandbox *sb, const cJSON *item, size_t i, const char *file,
    char **cause)
{
	const struct policy_parse_opts opts = { POLICY_TRUST, NULL, NULL };
	const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(item,
	    "RoleName"));
	const char *path = cJSON_GetStringValue(cJSON_GetObjectItem(item, "Path"));
	cJSON *doc = cJSON_GetObjectItem(item, "AssumeRolePolicyDocument");
	cJSON *max = cJSON_GetObjectItem(item, "MaxSessionDuration");
	struct sbx_role r = { 0 };
	struct policy *p;
	char *text, *why = NULL;
	int rc = -1;

	if (name == NULL || doc == NULL) {
		*cause = hs_xasprintf("%s: Roles[%zu]: RoleName and "
		    "AssumeRolePolicyDocument are required", file, i);
		return -1;
	}
	text = cJSON_IsString(doc) ? hs_xstrdup(doc->valuestring) :
	    cJSON_PrintUnformatted(doc);
	p = policy_parse(text, strlen(text), &opts, &why);
	if (p == NULL) {
		*cause = hs_xasprintf("%s: Roles[%zu]: trust policy: %s", file,
		    i, why);
		goto cleanup;
	}
	policy_free(p);
	r.name = (char *)name;
	r.path = (char *)(path ? path : "/");
	r.arn = hs_xasprintf("arn:aws:iam::%s:role%s%s", sb->account_id, r.path,
	    name);
	r.role_id = sbx_unique_id("AROA", r.arn);
	r.trust_policy = text;
	r.max_session = cJSON_IsNumber(max) ? max->valueint : 3600;
	r.created_ms = (int64_t)time(NULL) * 1000;
	rc = sbx_iam_role_put(sb->store, &r, cause);
	free(r.arn);
	free(r.role_id);
cleanup:
	free(why);
	free(text);
	return rc;
}

/* Read the users of a credentials file. */
static int
creds_users(struct sbx_creds *cr, const cJSON *users, const char *file,
    char **cause)
{
	cJSON *item;

	if (!cJSON_IsArray(users) || cJSON_GetArraySize(users) == 0) {
		*cause = hs_xasprintf("%s: expected a JSON array of "
		    "{\"AccessKeyId\", \"SecretAccessKey\", \"Arn\"}", file);
		return -1;
	}
	cr->p = hs_xcalloc((size_t)cJSON_GetArraySize(users), sizeof *cr->p);
	cJSON_ArrayForEach(item, users) {
		if (creds_parse_one(item, cr->n, &cr->p[cr->n], file,
		    cause) != 0)
			return -1;
		cr->n++;
	}
	return 0;
}

/* Read a credentials file. */
static int
creds_parse_file(struct sandbox *sb, struct sbx_creds *cr, const char *file,
    char **cause)
{
	char *text = sbx_read_file(file, NULL, 1 << 20, cause);
	cJSON *doc = NULL, *roles, *item;
	size_t i = 0;
	int rc = -1;

	if (text == NULL)
		return -1;
	doc = cJSON_Parse(text);
	if (cJSON_IsObject(doc)) {
		if (creds_users(cr, cJSON_GetObjectItem(doc, "Users"), file,
		    cause) != 0)
			goto cleanup;
		roles = cJSON_GetObjectItem(doc, "Roles");
		cJSON_ArrayForEach(item, roles)
			if (creds_role(sb, item, i++, file, cause) != 0)
				goto cleanup;
	} else if (creds_users(cr, doc, file, cause) != 0)
		goto cleanup;
	rc = 0;
cleanup:
	cJSON_Delete(doc);
	hs_free_secret(text);
	return rc;
}

/* Load the principals: cfg.credentials_file, or test/test as root. */
int
sbx_creds_load(struct sandbox *sb, char **cause)
{
	struct sbx_creds *cr = hs_xcalloc(1, sizeof *cr);

	if (sb->cfg.credentials_file != NULL) {
		if (creds_parse_file(sb, cr, sb->cfg.credentials_file,
		    cause) != 0) {
			sbx_creds_free(cr);
			return -1;
		}
	} else {
		cr->p = hs_xcalloc(1, sizeof *cr->p);
		cr->n = 1;
		cr->p[0].access_key = hs_xstrdup("test");
		cr->p[0].secret = hs_xstrdup("test");
		cr->p[0].arn = hs_xasprintf("arn:aws:iam::%s:root",
		    sb->account_id);
		cr->p[0].account = hs_xstrdup(sb->account_id);
		cr->p[0].user_id = hs_xstrdup(sb->account_id);
	}
	sb->creds = cr;
	return 0;
}

/* Find the principal of an access key; NULL when unknown. An STS
 * session past its expiration is returned with *expired set. */
struct sbx_principal *
sbx_creds_lookup(struct sandbox *sb, const char *access_key, time_t now,
    bool *expired)
{
	struct sbx_principal *p;
	size_t i;

	*expired = false;
	for (i = 0; i < sb->creds->n; i++)
		if (strcmp(sb->creds->p[i].access_key, access_key) == 0)
			return sbx_principal_dup(&sb->creds->p[i]);
	p = sbx_sts_session_get(sb->store, access_key);
	if (p != NULL && p->expiration <= now)
		*expired = true;
	return p;
}
