/*
 * creds-container.c: credentials from a container's credentials endpoint
 * (ECS tasks, EKS Pod Identity; botocore's ContainerProvider).
 *
 * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is a path on 169.254.170.2;
 * otherwise AWS_CONTAINER_CREDENTIALS_FULL_URI is used as is, but, as
 * botocore allows, plain http only to a loopback address or to the
 * container hosts 169.254.170.2, 169.254.170.23, fd00:ec2::23 and
 * localhost: anything else would hand the authorization token to
 * whoever answers. The token is read from AWS_CONTAINER_AUTHORIZATION_
 * TOKEN_FILE (again at each refresh: it rotates) or AWS_CONTAINER_
 * AUTHORIZATION_TOKEN, and refused if it holds a line break. Each fetch
 * tries 3 times, 2 s timeouts, 1 s apart (ContainerMetadataFetcher).
 */
#include "hs-common.h"
#include "creds-int.h"

#include <arpa/inet.h>
#include <strings.h>

#define CONTAINER_HOST "169.254.170.2"
#define CONTAINER_TIMEOUT_MS 2000
#define CONTAINER_ATTEMPTS 3

/* Tell whether a URL host (no brackets) is a loopback address. */
static bool
is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return false;
}

/* Check a FULL_URI's scheme and host against botocore's rules. */
HS_STATIC int
creds_container_check_url(const char *url, char **cause)
{
	static const char *const allowed[] = {
		"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost",
	};
	struct aws_request r = AWS_REQUEST_INIT;
	char *host;
	size_t i;
	bool ok = false;

	if (aws_request_set_endpoint(&r, url, cause) < 0)
		return -1;
	host = r.host;
	if (*host == '[') {
		host++;
		host[strlen(host) - 1] = '\0';
	}
	ok = strcmp(r.scheme, "https") == 0 || is_loopback(host);
	for (i = 0; i < HS_ARRAY_SIZE(allowed) && !ok; i++)
		ok = strcasecmp(host, allowed[i]) == 0;
	if (!ok)
		*cause = hs_xasprintf("unsupported host '%s' in "
		    "AWS_CONTAINER_CREDENTIALS_FULL_URI: plain http is allowed "
		    "only to a loopback address or to 169.254.170.2, "
		    "169.254.170.23, fd00:ec2::23 or localhost", host);
	aws_request_clear(&r);
	return ok ? 0 : -1;
}

/* The authorization token, from its file or variable; NULL if none. */
static int
auth_token(struct creds_ctx *ctx, char **token, char **cause)
{
	const char *file = creds_getenv(ctx, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	const char *value = creds_getenv(ctx, "AWS_CONTAINER_AUTHORIZATION_TOKEN");

	*token = NULL;
	if (file != NULL) {
		*token = creds_read_file(file, 64 * 1024, cause);
		if (*token == NULL)
			return -1;
	} else if (value != NULL)
		*token = hs_xstrdup(value);
	if (*token != NULL && strpbrk(*token, "\r\n") != NULL) {
		hs_free_secret(*token);
		*token = NULL;
		*cause = hs_xstrdup("the container authorization token holds a "
		    "line break: it is not a legal header value");
		return -1;
	}
	return 0;
}

/* Fetch and parse once; 0, or -1 with *cause. */
static int
fetch_once(struct creds_ctx *ctx, const char *url,
    const struct aws_kvlist *headers, struct aws_credentials **out,
    char **cause)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	cJSON *o = NULL;
	int rc = -1;

	if (creds_http(ctx, "GET", url, headers, CONTAINER_TIMEOUT_MS, false,
	    &resp, cause) < 0)
		goto cleanup;
	if (resp.status != 200) {
		*cause = hs_xasprintf("the container credentials endpoint "
		    "answered %d: %.200s", resp.status, resp.body.buf);
		goto cleanup;
	}
	o = creds_json_parse(resp.body.buf, resp.body.len);
	if (o == NULL) {
		*cause = hs_xstrdup("the container credentials endpoint did "
		    "not answer JSON");
		goto cleanup;
	}
	if (creds_from_json(o, "AccessKeyId", "SecretAccessKey", "Token",
	    "Expiration", "container-role", out, cause) != AWS_CREDS_FOUND)
		goto cleanup;
	rc = 0;
cleanup:
	creds_json_free(o);
	aws_response_clear(&resp);
	return rc;
}

/* Fetch with botocore's 3 attempts, 1 s apart. */
static enum aws_creds_status
fetch(struct creds_ctx *ctx, const char *url, struct aws_credentials **out,
    char **cause)
{
	struct aws_kvlist headers = AWS_KVLIST_INIT;
	char *token = NULL, *err = NULL;
	int i;

	if (auth_token(ctx, &token, cause) < 0)
		return AWS_CREDS_ERROR;
	aws_kvlist_add(&headers, "Accept", "application/json");
	if (token != NULL)
		aws_kvlist_add(&headers, "Authorization", token);
	hs_free_secret(token);
	for (i = 0; i < CONTAINER_ATTEMPTS; i++) {
		free(err);
		err = NULL;
		if (fetch_once(ctx, url, &headers, out, &err) == 0)
			break;
		if (i + 1 < CONTAINER_ATTEMPTS)
			aws_http_client_sleep(ctx->http, 1.0);
	}
	aws_kvlist_cleanse(&headers);
	if (err == NULL)
		return AWS_CREDS_FOUND;
	*cause = hs_xasprintf("cannot get container credentials from '%s': "
	    "%s", url, err);
	free(err);
	return AWS_CREDS_ERROR;
}

/* Load credentials from the container credentials endpoint. */
enum aws_creds_status
creds_container_load(struct creds_ctx *ctx, const char *profile, time_t now,
    struct aws_credentials **out, struct hs_buf *looked, char **cause)
{
	const char *rel = creds_getenv(ctx, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	const char *full = creds_getenv(ctx, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
	enum aws_creds_status st;
	char *url;

	if (rel == NULL && full == NULL) {
		creds_looked(looked, "container credentials (neither "
		    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor _FULL_URI is set)");
		return AWS_CREDS_NOT_FOUND;
	}
	if (rel != NULL)
		url = hs_xasprintf("http://%s%s", ctx->container_host ?
		    ctx->container_host : CONTAINER_HOST, rel);
	else if (creds_container_check_url(full, cause) < 0)
		return AWS_CREDS_ERROR;
	else
		url = hs_xstrdup(full);
	st = fetch(ctx, url, out, cause);
	free(url);
	return st;
}
