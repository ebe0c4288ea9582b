/*
 * net-tool.c: drive aws/http and the credential chain from the
 * integration scripts (tests/t025x-*.sh, t026x-*.sh), with the real
 * environment, config files and processes.
 *
 *   net-tool [--debug] [--retry-mode M] [--max-attempts N]
 *            [--read-timeout-ms N] [--header 'Name: value']...
 *            [--body TEXT | --body-file PATH] [--out PATH]
 *            request METHOD URL
 *       prints "status N" and "attempts N", then the body (unless --out);
 *       exit 0 when a response arrived, 1 when none did.
 *   net-tool [--debug] [--profile P] [--mfa-code C] creds
 *       resolves credentials as the shell will, and prints the provider,
 *       access key ID, expiration and account, and the SHA-256 of the
 *       secret key (never the secret); exit 0, 253 when none are
 *       configured (the shell's code), 255 on an error.
 *
 * --debug sends the redacted HTTP log to stderr. Endpoints come from
 * $BOTOCORE_DATA/endpoints.json when that is set.
 */
#include "hs-common.h"
#include "creds.h"
#include "http.h"

#include <getopt.h>
#include <openssl/evp.h>

struct tool {
	bool debug;
	const char *profile;
	const char *mfa_code;
	struct aws_retry_config retry;
	long read_timeout_ms;
	struct aws_kvlist headers;
	const char *body;
	const char *body_file;
	const char *out;
};

/* Print an error and return an exit code. */
static int
fail(int code, char *cause)
{
	fprintf(stderr, "net-tool: %s\n", cause ? cause : "failed");
	free(cause);
	return code;
}

/* Add a "Name: value" header option. */
static int
add_header(struct tool *t, const char *arg)
{
	const char *colon = strchr(arg, ':');
	char *name;

	if (colon == NULL)
		return -1;
	name = hs_xstrndup(arg, (size_t)(colon - arg));
	colon++;
	while (*colon == ' ')
		colon++;
	aws_kvlist_add(&t->headers, name, colon);
	free(name);
	return 0;
}

/* Parse the options; returns the index of the command or -1. */
static int
parse(struct tool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "debug", no_argument, NULL, 'd' },
		{ "profile", required_argument, NULL, 'p' },
		{ "mfa-code", required_argument, NULL, 'm' },
		{ "retry-mode", required_argument, NULL, 'r' },
		{ "max-attempts", required_argument, NULL, 'n' },
		{ "read-timeout-ms", required_argument, NULL, 't' },
		{ "header", required_argument, NULL, 'H' },
		{ "body", required_argument, NULL, 'b' },
		{ "body-file", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': t->debug = true; break;
		case 'p': t->profile = optarg; break;
		case 'm': t->mfa_code = optarg; break;
		case 'r':
			if (aws_retry_mode_parse(optarg, &t->retry.mode) < 0)
				return -1;
			break;
		case 'n': t->retry.max_attempts = atoi(optarg); break;
		case 't': t->read_timeout_ms = atol(optarg); break;
		case 'H':
			if (add_header(t, optarg) < 0)
				return -1;
			break;
		case 'b': t->body = optarg; break;
		case 'f': t->body_file = optarg; break;
		case 'o': t->out = optarg; break;
		default: return -1;
		}
	}
	return optind < argc ? optind : -1;
}

/* A client with --debug to stderr. */
static struct aws_http_client *
make_client(const struct tool *t)
{
	char *cause = NULL;
	struct aws_http_client *c = aws_http_client_new(NULL, &cause);

	if (c == NULL) {
		fail(1, cause);
		exit(1);
	}
	if (t->debug)
		aws_http_client_set_log(c, aws_http_log_stream, stderr);
	return c;
}

/* The request command. */
static int
cmd_request(struct tool *t, const char *method, const char *url)
{
	struct aws_http_client *client = make_client(t);
	struct aws_request req = AWS_REQUEST_INIT;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;
	int rc = 1;
	size_t i;

	if (aws_request_set_endpoint(&req, url, &cause) < 0)
		goto cleanup;
	aws_request_set_method(&req, method);
	for (i = 0; i < t->headers.n; i++)
		aws_kvlist_add(&req.headers, t->headers.items[i].name,
		    t->headers.items[i].value);
	if (t->body != NULL)
		aws_request_set_body(&req, t->body, strlen(t->body));
	if (t->body_file != NULL)
		aws_request_set_body_file(&req, t->body_file, 0, -1);
	if (t->out != NULL) {
		resp.body_kind = AWS_BODY_FILE;
		resp.body_file = hs_xstrdup(t->out);
	}
	call.req = &req;
	call.resp = &resp;
	call.retry = t->retry;
	call.limits.read_timeout_ms = t->read_timeout_ms;
	if (aws_http_execute(client, &call, &cause) == 0) {
		printf("status %d\nattempts %d\n%s", resp.status, call.attempts,
		    resp.body.buf);
		rc = 0;
	}
cleanup:
	if (rc != 0)
		fail(1, cause);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	aws_http_client_release(client);
	return rc;
}

/* The MFA prompt: the --mfa-code option, the prompt on stderr. */
static char *
mfa(void *arg, const char *prompt)
{
	const struct tool *t = arg;

	fprintf(stderr, "%s\n", prompt);
	return t->mfa_code ? hs_xstrdup(t->mfa_code) : NULL;
}

/* Print what was resolved, with the secret as a hash only. */
static void
print_credentials(const struct aws_credentials *c)
{
	unsigned char md[32];
	unsigned int n, i;
	char when[32] = "never";

	EVP_Digest(c->secret_access_key, strlen(c->secret_access_key), md, &n,
	    EVP_sha256(), NULL);
	if (c->expiration)
		aws_iso8601_format(c->expiration, when, sizeof when);
	printf("provider: %s\naccess_key_id: %s\nsession_token: %s\n"
	    "expiration: %s\naccount_id: %s\nsecret_sha256: ", c->provider,
	    c->access_key_id, c->session_token ? "yes" : "no", when,
	    c->account_id ? c->account_id : "-");
	for (i = 0; i < n; i++)
		printf("%02x", md[i]);
	printf("\n");
}

/* Load endpoints.json from $BOTOCORE_DATA, if set. */
static struct aws_endpoints *
load_endpoints(void)
{
	const char *dir = getenv("BOTOCORE_DATA");
	struct aws_endpoints *eps = NULL;
	char *path, *cause = NULL;

	if (dir == NULL || *dir == '\0')
		return NULL;
	path = hs_xasprintf("%s/endpoints.json", dir);
	if (aws_endpoints_load(&eps, path, &cause) < 0) {
		fail(0, cause);
		eps = NULL;
	}
	free(path);
	return eps;
}

/* Resolve and print; returns the exit code. */
static int
resolve(struct tool *t, struct aws_resolver *res, struct aws_endpoints *eps)
{
	struct aws_creds_options o = { 0 };
	struct aws_credentials *c = NULL;
	struct aws_creds_chain *chain;
	enum aws_creds_status st;
	char *cause = NULL;

	o.resolver = res;
	o.endpoints = eps;
	o.http = make_client(t);
	o.mfa_prompt = mfa;
	o.mfa_arg = t;
	chain = aws_creds_chain_new(&o, &cause);
	aws_http_client_release(o.http);
	if (chain == NULL)
		return fail(255, cause);
	st = aws_creds_chain_get(chain, time(NULL), &c, &cause);
	aws_creds_chain_free(chain);
	if (st != AWS_CREDS_FOUND)
		return fail(st == AWS_CREDS_NOT_FOUND ? 253 : 255, cause);
	print_credentials(c);
	aws_credentials_release(c);
	return 0;
}

/* The creds command. */
static int
cmd_creds(struct tool *t)
{
	struct aws_config_options opts = { 0 };
	struct aws_config *cfg = NULL;
	struct aws_resolver *res = NULL;
	struct aws_endpoints *eps = NULL;
	char *cause = NULL;
	int rc;

	opts.profile = t->profile;
	if (aws_config_load_env(&cfg, &aws_env_process, &cause) < 0)
		return fail(255, cause);
	if (aws_resolver_new(&res, cfg, &opts, &aws_env_process, &cause) < 0) {
		aws_config_free(cfg);
		return fail(255, cause);
	}
	eps = load_endpoints();
	rc = resolve(t, res, eps);
	aws_endpoints_free(eps);
	aws_resolver_free(res);
	aws_config_free(cfg);
	return rc;
}

int
main(int argc, char **argv)
{
	struct tool t = { 0 };
	int i = parse(&t, argc, argv), rc = 2;

	if (i >= 0 && strcmp(argv[i], "request") == 0 && i + 2 < argc)
		rc = cmd_request(&t, argv[i + 1], argv[i + 2]);
	else if (i >= 0 && strcmp(argv[i], "creds") == 0)
		rc = cmd_creds(&t);
	else
		fprintf(stderr, "usage: net-tool [options] request METHOD URL | "
		    "creds\n");
	aws_kvlist_clear(&t.headers);
	return rc;
}
