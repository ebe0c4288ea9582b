/*
 * creds-chain.c: walk the providers in botocore's order, keep what was
 * found, and refresh it from the same provider before it expires.
 *
 * botocore's OriginalEC2Provider (AWS_CREDENTIAL_FILE) and BotoProvider
 * (boto2's /etc/boto.cfg) are left out: both are boto2 leftovers that the
 * AWS CLI documentation no longer lists. Its "login" provider (aws login)
 * is left out too.
 */
#include "hs-common.h"
#include "creds-int.h"

#include <strings.h>

struct creds_step {
	const char *name;		/* botocore's METHOD */
	creds_load_fn *load;
};

/* The chain, in botocore's order (create_credential_resolver). */
static const struct creds_step chain_steps[] = {
	{ "env", creds_env_load },
	{ "assume-role", creds_assume_role_load },
	{ "assume-role-with-web-identity", creds_web_identity_load },
	{ "sso", creds_sso_load },
	{ "shared-credentials-file", creds_shared_file_load },
	{ "custom-process", creds_process_load },
	{ "config-file", creds_config_file_load },
	{ "container-role", creds_container_load },
	{ "iam-role", creds_imds_load },
};

/* A source profile's chain (ProfileProviderBuilder, env vars off). */
static creds_load_fn *const profile_steps[] = {
	creds_web_identity_profile_load, creds_sso_load,
	creds_shared_file_load, creds_process_load, creds_config_file_load,
};

/* The credential_source names (CanonicalNameCredentialSourcer). */
static const struct creds_step named_sources[] = {
	{ "Ec2InstanceMetadata", creds_imds_load },
	{ "EcsContainer", creds_container_load },
	{ "Environment", creds_env_load },
};

struct aws_creds_chain {
	struct creds_ctx ctx;
	struct aws_credentials *cached;
	const struct creds_step *source;	/* the step that found them */
};

/* Copy a string option. */
static char *
opt_dup(const char *s)
{
	return s != NULL ? hs_xstrdup(s) : NULL;
}

/* Tell whether the profile came from --profile. */
static int
profile_explicit(struct aws_resolver *res, bool *explicit, char **cause)
{
	struct aws_setting_value v;

	if (aws_resolve(res, AWS_SETTING_PROFILE, &v, cause) < 0)
		return -1;
	*explicit = v.source == AWS_FROM_OPTION;
	return 0;
}

/* A new chain. */
struct aws_creds_chain *
aws_creds_chain_new(const struct aws_creds_options *o, char **cause)
{
	struct aws_creds_chain *chain;
	struct creds_ctx *ctx;

	if (o->http == NULL || o->resolver == NULL) {
		*cause = hs_xstrdup("the credential chain needs an HTTP client "
		    "and a settings resolver");
		return NULL;
	}
	chain = hs_xcalloc(1, sizeof *chain);
	ctx = &chain->ctx;
	ctx->env = o->env ? o->env : &aws_env_process;
	ctx->resolver = o->resolver;
	ctx->config = aws_resolver_config(o->resolver);
	ctx->profile = hs_xstrdup(aws_resolver_profile(o->resolver));
	ctx->endpoints = o->endpoints;
	ctx->http = aws_http_client_acquire(o->http);
	ctx->mfa_prompt = o->mfa_prompt;
	ctx->mfa_arg = o->mfa_arg;
	ctx->home = opt_dup(o->home ? o->home : creds_getenv(ctx, "HOME"));
	ctx->container_host = opt_dup(o->container_host);
	if (profile_explicit(o->resolver, &ctx->profile_explicit, cause) < 0) {
		aws_creds_chain_free(chain);
		return NULL;
	}
	return chain;
}

/* Run the providers that read a profile, for a source_profile. */
enum aws_creds_status
creds_profile_chain_load(struct creds_ctx *ctx, const char *profile,
    time_t now, struct aws_credentials **out, struct hs_buf *looked,
    char **cause)
{
	enum aws_creds_status st = AWS_CREDS_NOT_FOUND;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(profile_steps); i++) {
		st = profile_steps[i](ctx, profile, now, out, looked, cause);
		if (st != AWS_CREDS_NOT_FOUND)
			break;
	}
	return st;
}

/* The provider a credential_source names (case-insensitively). */
creds_load_fn *
creds_named_source(const char *name)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(named_sources); i++)
		if (strcasecmp(named_sources[i].name, name) == 0)
			return named_sources[i].load;
	return NULL;
}

/* Forget the assume-role memory cache. */
static void
cache_clear(struct creds_ctx *ctx)
{
	struct creds_cache_entry *e, *next;

	for (e = ctx->cache; e != NULL; e = next) {
		next = e->next;
		free(e->key);
		aws_credentials_release(e->creds);
		free(e);
	}
	ctx->cache = NULL;
}

/* Free the chain and everything it cached. */
void
aws_creds_chain_free(struct aws_creds_chain *chain)
{
	struct creds_ctx *ctx;

	if (chain == NULL)
		return;
	ctx = &chain->ctx;
	aws_credentials_release(chain->cached);
	cache_clear(ctx);
	aws_http_client_release(ctx->http);
	free(ctx->profile);
	free(ctx->home);
	free(ctx->container_host);
	free(chain);
}

/* Forget cached credentials. */
void
aws_creds_chain_reset(struct aws_creds_chain *chain)
{
	aws_credentials_release(chain->cached);
	chain->cached = NULL;
	chain->source = NULL;
	cache_clear(&chain->ctx);
}

/* Ask the step that found the cached credentials for fresh ones. */
static enum aws_creds_status
chain_refresh(struct aws_creds_chain *chain, time_t now,
    struct aws_credentials **out, char **cause)
{
	struct hs_buf looked = HS_BUF_INIT;
	struct aws_credentials *fresh = NULL;
	enum aws_creds_status st;
	char *err = NULL;

	st = chain->source->load(&chain->ctx, chain->ctx.profile, now, &fresh,
	    &looked, &err);
	if (st == AWS_CREDS_FOUND) {
		aws_credentials_release(chain->cached);
		chain->cached = fresh;
	} else if (chain->cached->expiration > now) {
		st = AWS_CREDS_FOUND;	/* still valid: use them meanwhile */
	} else {
		*cause = hs_xasprintf("the credentials from %s expired and "
		    "cannot be refreshed: %s", chain->source->name,
		    err ? err : looked.buf);
		st = AWS_CREDS_ERROR;
	}
	if (st == AWS_CREDS_FOUND)
		*out = aws_credentials_acquire(chain->cached);
	free(err);
	hs_buf_release(&looked);
	return st;
}

/* Walk the steps; the first configured one decides. */
static enum aws_creds_status
chain_walk(struct aws_creds_chain *chain, time_t now,
    struct aws_credentials **out, char **cause)
{
	struct hs_buf looked = HS_BUF_INIT;
	enum aws_creds_status st = AWS_CREDS_NOT_FOUND;
	size_t i;

	if (chain->ctx.profile_explicit)
		creds_looked(&looked, "environment variables (skipped: a "
		    "profile was named)");
	for (i = 0; i < HS_ARRAY_SIZE(chain_steps); i++) {
		const struct creds_step *s = &chain_steps[i];

		if (s->load == creds_env_load && chain->ctx.profile_explicit)
			continue;
		st = s->load(&chain->ctx, chain->ctx.profile, now, out,
		    &looked, cause);
		if (st == AWS_CREDS_FOUND) {
			chain->cached = aws_credentials_acquire(*out);
			chain->source = s;
		}
		if (st != AWS_CREDS_NOT_FOUND)
			break;
	}
	if (st == AWS_CREDS_NOT_FOUND)
		*cause = hs_xasprintf("unable to locate credentials for profile "
		    "'%s'; looked at: %s. Run 'aws configure', or set "
		    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
		    chain->ctx.profile, looked.buf);
	hs_buf_release(&looked);
	return st;
}

/* Credentials valid at now. */
enum aws_creds_status
aws_creds_chain_get(struct aws_creds_chain *chain, time_t now,
    struct aws_credentials **out, char **cause)
{
	*out = NULL;
	if (chain->cached != NULL &&
	    !aws_credentials_expiring(chain->cached, now,
	    AWS_CREDS_REFRESH_MARGIN)) {
		*out = aws_credentials_acquire(chain->cached);
		return AWS_CREDS_FOUND;
	}
	if (chain->cached != NULL)
		return chain_refresh(chain, now, out, cause);
	return chain_walk(chain, now, out, cause);
}
