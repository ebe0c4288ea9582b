/*
 * policy-ctx.c: the request context — condition keys and their values.
 *
 * Entries stay sorted by key (ignoring case, as IAM compares condition
 * key names), so that lookups during evaluation are a read-only binary
 * search and a finished context can be shared by threads.
 */
#include "hs-common.h"
#include "policy-int.h"

#include <strings.h>

struct policy_ctx *
policy_ctx_new(void)
{
	return hs_xcalloc(1, sizeof(struct policy_ctx));
}

void
policy_ctx_free(struct policy_ctx *ctx)
{
	size_t i, j;

	if (ctx == NULL)
		return;
	for (i = 0; i < ctx->n; i++) {
		for (j = 0; j < ctx->e[i].n; j++)
			free(ctx->e[i].values[j]);
		free(ctx->e[i].values);
		free(ctx->e[i].key);
	}
	free(ctx->e);
	free(ctx);
}

/* The index of key, or where it would go (with *found false). */
static size_t
ctx_index(const struct policy_ctx *ctx, const char *key, bool *found)
{
	size_t lo = 0, hi = ctx->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcasecmp(key, ctx->e[mid].key);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*found = false;
	return lo;
}

/* Find a key's entry, or NULL. */
const struct pol_ctx_entry *
pol_ctx_find(const struct policy_ctx *ctx, const char *key)
{
	bool found;
	size_t i = ctx_index(ctx, key, &found);

	return found ? &ctx->e[i] : NULL;
}

/* The entry for key, created when absent. */
static struct pol_ctx_entry *
ctx_entry(struct policy_ctx *ctx, const char *key)
{
	bool found;
	size_t i = ctx_index(ctx, key, &found);

	if (found)
		return &ctx->e[i];
	if (ctx->n == ctx->alloc) {
		ctx->alloc = ctx->alloc ? ctx->alloc * 2 : 16;
		ctx->e = hs_xreallocarray(ctx->e, ctx->alloc, sizeof *ctx->e);
	}
	memmove(&ctx->e[i + 1], &ctx->e[i], (ctx->n - i) * sizeof *ctx->e);
	memset(&ctx->e[i], 0, sizeof ctx->e[i]);
	ctx->e[i].key = hs_xstrdup(key);
	ctx->n++;
	return &ctx->e[i];
}

/* Add a value to key (a key added twice is multi-valued). */
void
policy_ctx_add(struct policy_ctx *ctx, const char *key, const char *value)
{
	struct pol_ctx_entry *e = ctx_entry(ctx, key);

	if (e->n == e->alloc) {
		e->alloc = e->alloc ? e->alloc * 2 : 2;
		e->values = hs_xreallocarray(e->values, e->alloc, sizeof *e->values);
	}
	e->values[e->n++] = hs_xstrdup(value);
}

/* Make key present with no values. */
void
policy_ctx_add_empty(struct policy_ctx *ctx, const char *key)
{
	(void)ctx_entry(ctx, key);
}

/* Tell whether key is present (with or without values). */
bool
policy_ctx_has(const struct policy_ctx *ctx, const char *key)
{
	return pol_ctx_find(ctx, key) != NULL;
}

/* Add "KEY=VALUE" as given on a command line. */
int
policy_ctx_add_assignment(struct policy_ctx *ctx, const char *kv, char **cause)
{
	const char *eq = strchr(kv, '=');
	char *key;

	if (eq == NULL || eq == kv) {
		*cause = hs_xasprintf("invalid context entry '%s': expected "
		    "KEY=VALUE, e.g. s3:x-amz-server-side-encryption=AES256", kv);
		return -1;
	}
	key = hs_xstrndup(kv, (size_t)(eq - kv));
	policy_ctx_add(ctx, key, eq + 1);
	free(key);
	return 0;
}

static void
add_unless_present(struct policy_ctx *ctx, const char *key, const char *value)
{
	if (!policy_ctx_has(ctx, key))
		policy_ctx_add(ctx, key, value);
}

/* The role ARN for an assumed-role session ARN, or NULL. */
static char *
session_role_arn(const char *id)
{
	struct pol_arn a;
	const char *name, *slash;

	if (!pol_arn_split(id, strlen(id), &a) || a.len[2] != 3 ||
	    memcmp(a.part[2], "sts", 3) != 0 ||
	    !hs_starts_with(a.part[5], "assumed-role/"))
		return NULL;
	name = a.part[5] + strlen("assumed-role/");
	slash = strchr(name, '/');
	if (slash == NULL)
		return NULL;
	return hs_xasprintf("arn:%.*s:iam::%.*s:role/%.*s", (int)a.len[1],
	    a.part[1], (int)a.len[4], a.part[4], (int)(slash - name), name);
}

/* aws:PrincipalType for an IAM principal's resource part, or NULL. */
static const char *
principal_type_name(const struct policy_principal *pp, const char *rel)
{
	if (pp->type == POLICY_PRINCIPAL_ANONYMOUS)
		return "Anonymous";
	if (pp->type != POLICY_PRINCIPAL_AWS || rel == NULL)
		return NULL;
	if (strcmp(rel, "root") == 0)
		return "Account";
	if (hs_starts_with(rel, "user/"))
		return "User";
	if (hs_starts_with(rel, "federated-user/"))
		return "FederatedUser";
	if (hs_starts_with(rel, "assumed-role/"))
		return "AssumedRole";
	return NULL;
}

/* Add the keys AWS derives from the principal, unless present. */
void
policy_ctx_add_principal(struct policy_ctx *ctx,
    const struct policy_principal *pp)
{
	const char *rel = NULL;
	char *role;

	if (pp == NULL)
		return;
	if (pp->type == POLICY_PRINCIPAL_AWS && pp->id != NULL) {
		struct pol_arn a;

		if (pol_arn_split(pp->id, strlen(pp->id), &a))
			rel = a.part[5];
		role = session_role_arn(pp->id);
		add_unless_present(ctx, "aws:PrincipalArn", role ? role : pp->id);
		free(role);
		if (rel != NULL && hs_starts_with(rel, "user/"))
			add_unless_present(ctx, "aws:username",
			    strrchr(rel, '/') + 1);
	}
	if (pp->type == POLICY_PRINCIPAL_AWS && pp->account[0] != '\0')
		add_unless_present(ctx, "aws:PrincipalAccount", pp->account);
	if (pp->type == POLICY_PRINCIPAL_SERVICE && pp->id != NULL)
		add_unless_present(ctx, "aws:PrincipalServiceName", pp->id);
	if (pp->type != POLICY_PRINCIPAL_ANONYMOUS)
		add_unless_present(ctx, "aws:PrincipalIsAWSService",
		    pp->type == POLICY_PRINCIPAL_SERVICE ? "true" : "false");
	if (principal_type_name(pp, rel) != NULL)
		add_unless_present(ctx, "aws:PrincipalType",
		    principal_type_name(pp, rel));
}

/* Add aws:CurrentTime and aws:EpochTime for now, unless present. */
void
policy_ctx_add_time(struct policy_ctx *ctx, time_t now)
{
	struct tm tm;
	char buf[32];

	if (hs_gmtime(now, &tm) == 0 &&
	    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0)
		add_unless_present(ctx, "aws:CurrentTime", buf);
	snprintf(buf, sizeof buf, "%lld", (long long)now);
	add_unless_present(ctx, "aws:EpochTime", buf);
}
