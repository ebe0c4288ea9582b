/*
 * creds-fixture.c: the fake environment, files and chain of the
 * credential tests.
 */
#include "hs-common.h"
#include "harness.h"
#include "creds-fixture.h"

#include <sys/stat.h>

static const char *
fake_get(void *arg, const char *name)
{
	struct creds_fx *f = arg;

	return aws_kvlist_get_exact(&f->vars, name);
}

static void
count_sleep(void *arg, double seconds)
{
	struct creds_fx *f = arg;

	f->sleeps++;
}

static void
keep_log(void *arg, const char *line)
{
	struct creds_fx *f = arg;

	hs_buf_adds(&f->log, line);
	hs_buf_addch(&f->log, '\n');
}

static char *
answer_mfa(void *arg, const char *prompt)
{
	struct creds_fx *f = arg;

	f->mfa_asked++;
	free(f->mfa_prompt);
	f->mfa_prompt = hs_xstrdup(prompt);
	return f->mfa_code ? hs_xstrdup(f->mfa_code) : NULL;
}

void
cfx_init(struct creds_fx *f)
{
	char *cause = NULL;

	memset(f, 0, sizeof *f);
	hs_buf_init(&f->log, 0);
	f->env.get = fake_get;
	f->env.arg = f;
	f->home = hs_unit_tmpdir();
	f->config_path = hs_xasprintf("%s/.aws/config", f->home);
	f->credentials_path = hs_xasprintf("%s/.aws/credentials", f->home);
	f->http = aws_http_client_new(NULL, &cause);
	aws_http_client_set_sleep(f->http, count_sleep, f);
	aws_http_client_set_log(f->http, keep_log, f);
	cfx_setenv(f, "HOME", f->home);
	cfx_setenv(f, "AWS_CONFIG_FILE", f->config_path);
	cfx_setenv(f, "AWS_SHARED_CREDENTIALS_FILE", f->credentials_path);
	/* a test machine may be an EC2 instance: never ask the real IMDS */
	cfx_setenv(f, "AWS_EC2_METADATA_DISABLED", "true");
}

static void
drop_chain(struct creds_fx *f)
{
	aws_creds_chain_free(f->chain);
	aws_resolver_free(f->res);
	aws_config_free(f->cfg);
	f->chain = NULL;
	f->res = NULL;
	f->cfg = NULL;
}

void
cfx_clear(struct creds_fx *f)
{
	drop_chain(f);
	aws_endpoints_free(f->eps);
	aws_kvlist_clear(&f->vars);
	aws_http_client_release(f->http);
	hs_buf_release(&f->log);
	free(f->config_path);
	free(f->credentials_path);
	free(f->mfa_prompt);
}

void
cfx_setenv(struct creds_fx *f, const char *name, const char *value)
{
	aws_kvlist_set(&f->vars, name, value);
}

void
cfx_unsetenv(struct creds_fx *f, const char *name)
{
	aws_kvlist_del(&f->vars, name);
}

void
cfx_write(struct creds_fx *f, const char *which, const char *text)
{
	char *dir = hs_xasprintf("%s/.aws", f->home);
	const char *path = strcmp(which, "config") == 0 ? f->config_path :
	    f->credentials_path;
	FILE *fp;

	mkdir(dir, 0700);
	fp = fopen(path, "w");
	if (fp == NULL)
		BUG("cannot write '%s'", path);
	fputs(text, fp);
	fclose(fp);
	free(dir);
}

struct aws_creds_chain *
cfx_chain(struct creds_fx *f, const char *profile)
{
	struct aws_config_options opts = { 0 };
	struct aws_creds_options o = { 0 };
	char *cause = NULL;

	drop_chain(f);
	if (aws_config_load_env(&f->cfg, &f->env, &cause) < 0 ||
	    (opts.profile = profile, aws_resolver_new(&f->res, f->cfg, &opts,
	    &f->env, &cause)) < 0)
		BUG("cannot set up the test's config: %s", cause);
	o.resolver = f->res;
	o.env = &f->env;
	o.endpoints = f->eps;
	o.http = f->http;
	o.mfa_prompt = answer_mfa;
	o.mfa_arg = f;
	o.home = f->home;
	o.container_host = f->container_host;
	f->chain = aws_creds_chain_new(&o, &cause);
	if (f->chain == NULL)
		BUG("cannot make the chain: %s", cause);
	return f->chain;
}

enum aws_creds_status
cfx_resolve(struct creds_fx *f, const char *profile, time_t now,
    struct aws_credentials **out, char **cause)
{
	return aws_creds_chain_get(cfx_chain(f, profile), now, out, cause);
}

bool
cfx_leaks(const char *text, const char *const *secrets)
{
	for (; *secrets != NULL; secrets++)
		if (strstr(text, *secrets) != NULL) {
			printf("# leaked '%s'\n", *secrets);
			return true;
		}
	return false;
}

char *
cfx_script(struct creds_fx *f, const char *name, const char *text)
{
	char *path = hs_xasprintf("%s/%s", f->home, name);
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		BUG("cannot write '%s'", path);
	fputs(text, fp);
	fclose(fp);
	chmod(path, 0700);
	return path;
}
