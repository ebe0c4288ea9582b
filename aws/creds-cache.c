/*
 * creds-cache.c: where assumed-role credentials are kept between calls.
 *
 * In memory for the life of the chain, and, for assume role and web
 * identity, in the AWS CLI's JSON cache (~/.aws/cli/cache/KEY.json, as
 * awscli/customizations/assumerole.py sets up), so the shell and the
 * CLI share one another's role sessions and an MFA code is asked for
 * once per session, not once per process. The key is botocore's: the
 * SHA-1 of json.dumps(args, sort_keys=True), byte for byte, which is why
 * strings are escaped here as Python's json module escapes them
 * (ensure_ascii). Files are written 0600 through a temporary name,
 * fsynced and renamed; folders are created 0700. A cache that cannot be
 * read or written is not an error: the credentials are simply fetched.
 */
#include "hs-common.h"
#include "creds-int.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

/* Decode one UTF-8 sequence; returns its length (1 for a bad byte). */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	size_t i;

	*cp = n == 1 ? s[0] : s[0] & (0x3f >> (n - 1));
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = s[0];
			return 1;
		}
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return n;
}

/* Append s as Python's json.dumps writes a string (ensure_ascii). */
HS_STATIC void
creds_py_json_string(struct hs_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;

	hs_buf_addch(b, '"');
	while (*p != '\0') {
		p += utf8_decode(p, &cp);
		if (cp == '"' || cp == '\\')
			hs_buf_addf(b, "\\%c", (char)cp);
		else if (cp == '\n' || cp == '\r' || cp == '\t' || cp == '\b' ||
		    cp == '\f')
			hs_buf_addf(b, "\\%c", cp == '\n' ? 'n' : cp == '\r' ?
			    'r' : cp == '\t' ? 't' : cp == '\b' ? 'b' : 'f');
		else if (cp < 0x20 || (cp > 0x7e && cp < 0x10000))
			hs_buf_addf(b, "\\u%04x", cp);
		else if (cp >= 0x10000)
			hs_buf_addf(b, "\\u%04x\\u%04x",
			    0xd800 + ((cp - 0x10000) >> 10),
			    0xdc00 + ((cp - 0x10000) & 0x3ff));
		else
			hs_buf_addch(b, (int)cp);
	}
	hs_buf_addch(b, '"');
}

/* botocore's cache key of sorted arguments. */
char *
creds_cache_key(const struct creds_cache_arg *args, size_t n, bool minified)
{
	struct hs_buf b = HS_BUF_INIT;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	char *hex;
	size_t k;
	bool first = true;

	hs_buf_addch(&b, '{');
	for (k = 0; k < n; k++) {
		if (args[k].value == NULL)
			continue;
		if (!first)
			hs_buf_adds(&b, minified ? "," : ", ");
		first = false;
		creds_py_json_string(&b, args[k].name);
		hs_buf_adds(&b, minified ? ":" : ": ");
		if (args[k].number)
			hs_buf_adds(&b, args[k].value);
		else
			creds_py_json_string(&b, args[k].value);
	}
	hs_buf_addch(&b, '}');
	EVP_Digest(b.buf, b.len, md, &len, EVP_sha1(), NULL);
	hex = hs_xmalloc(2 * len + 1);
	for (i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hs_buf_release(&b);
	return hex;
}

/* The cache file for a key, or NULL without a home folder. */
static char *
cache_path(const struct creds_ctx *ctx, const char *key)
{
	if (ctx->home == NULL)
		return NULL;
	return hs_xasprintf("%s/.aws/cli/cache/%s.json", ctx->home, key);
}

/* Read credentials from the CLI cache file. */
static struct aws_credentials *
file_get(struct creds_ctx *ctx, const char *key, const char *provider)
{
	char *path = cache_path(ctx, key), *text, *err = NULL;
	struct aws_credentials *c = NULL;
	cJSON *o;

	if (path == NULL)
		return NULL;
	text = creds_read_file(path, 64 * 1024, &err);
	free(path);
	free(err);
	if (text == NULL)
		return NULL;
	o = creds_json_parse(text, strlen(text));
	hs_free_secret(text);
	err = NULL;
	if (creds_from_json(cJSON_GetObjectItemCaseSensitive(o, "Credentials"),
	    "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration",
	    provider, &c, &err) != AWS_CREDS_FOUND)
		c = NULL;
	free(err);
	creds_json_free(o);
	return c;
}

/* Credentials cached under key and valid beyond the refresh margin. */
struct aws_credentials *
creds_cache_get(struct creds_ctx *ctx, const char *key, bool file, time_t now,
    const char *provider)
{
	struct creds_cache_entry *e;
	struct aws_credentials *c = NULL;

	for (e = ctx->cache; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			c = aws_credentials_acquire(e->creds);
	if (c == NULL && file)
		c = file_get(ctx, key, provider);
	if (c != NULL && (c->expiration == 0 ||
	    aws_credentials_expiring(c, now, AWS_CREDS_REFRESH_MARGIN))) {
		aws_credentials_release(c);
		c = NULL;
	}
	return c;
}

/* Create a folder and its parents, 0700. */
static int
mkdirs(const char *path)
{
	char *p = hs_xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; *s != '\0' && rc == 0; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0700) < 0 && errno != EEXIST)
				rc = -1;
			*s = '/';
		}
	if (rc == 0 && mkdir(p, 0700) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* The JSON the CLI writes for an STS answer. */
static char *
cache_json(const struct creds_sts_result *res, const char *account)
{
	cJSON *o = cJSON_CreateObject(), *c, *u;
	char *text;

	c = cJSON_AddObjectToObject(o, "Credentials");
	cJSON_AddStringToObject(c, "AccessKeyId", res->access_key_id);
	cJSON_AddStringToObject(c, "SecretAccessKey", res->secret_access_key);
	cJSON_AddStringToObject(c, "SessionToken", res->session_token);
	cJSON_AddStringToObject(c, "Expiration", res->expiration);
	if (account != NULL)
		cJSON_AddStringToObject(c, "AccountId", account);
	if (res->assumed_role_arn != NULL) {
		u = cJSON_AddObjectToObject(o, "AssumedRoleUser");
		cJSON_AddStringToObject(u, "AssumedRoleId",
		    res->assumed_role_id ? res->assumed_role_id : "");
		cJSON_AddStringToObject(u, "Arn", res->assumed_role_arn);
	}
	text = cJSON_PrintUnformatted(o);
	creds_json_free(o);
	return text;
}

/* Write the cache file through a temporary name. */
static void
file_put(struct creds_ctx *ctx, const char *key, const char *text)
{
	char *path = cache_path(ctx, key), *dir, *tmp;
	int fd;
	bool ok;

	if (path == NULL)
		return;
	dir = hs_xstrndup(path, (size_t)(strrchr(path, '/') - path));
	tmp = hs_xasprintf("%s/.%s.XXXXXX", dir, key);
	fd = mkdirs(dir) == 0 ? mkostemp(tmp, O_CLOEXEC) : -1;
	if (fd >= 0) {
		ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text) &&
		    fsync(fd) == 0;
		ok = close(fd) == 0 && ok;
		if (!ok || rename(tmp, path) < 0)
			unlink(tmp);
	}
	free(tmp);
	free(dir);
	free(path);
}

/* Remember credentials in memory and, when file, in the CLI cache. */
void
creds_cache_put(struct creds_ctx *ctx, const char *key, bool file,
    struct aws_credentials *creds, const struct creds_sts_result *res)
{
	struct creds_cache_entry *e;
	char *text;

	for (e = ctx->cache; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			break;
	if (e == NULL) {
		e = hs_xcalloc(1, sizeof *e);
		e->key = hs_xstrdup(key);
		e->next = ctx->cache;
		ctx->cache = e;
	}
	aws_credentials_release(e->creds);
	e->creds = aws_credentials_acquire(creds);
	if (!file || res == NULL)
		return;
	text = cache_json(res, creds->account_id);
	file_put(ctx, key, text);
	hs_free_secret(text);
}

/* The account of an ARN (its fifth field), or NULL. */
static char *
arn_account(const char *arn)
{
	const char *p = arn;
	int i;

	if (arn == NULL || !hs_starts_with(arn, "arn:"))
		return NULL;
	for (i = 0; i < 4 && p != NULL; i++) {
		p = strchr(p, ':');
		if (p != NULL)
			p++;
	}
	if (p == NULL || strchr(p, ':') == NULL || *p == ':')
		return NULL;
	return hs_xstrndup(p, strcspn(p, ":"));
}

/* Make credentials from an STS result. */
struct aws_credentials *
creds_from_sts(const struct creds_sts_result *res, const char *provider,
    char **cause)
{
	struct aws_credentials *c;
	time_t exp;

	if (aws_iso8601_parse(res->expiration, &exp) < 0) {
		*cause = hs_xasprintf("STS answered an invalid Expiration '%s'",
		    res->expiration);
		return NULL;
	}
	c = aws_credentials_new(res->access_key_id, res->secret_access_key,
	    res->session_token, exp, provider);
	c->account_id = arn_account(res->assumed_role_arn);
	return c;
}
