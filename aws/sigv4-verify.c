/*
 * sigv4-verify.c: check the SigV4 signature of a received request, as an
 * AWS endpoint does, for the sandbox.
 *
 * The checks run in the order that gives the most useful answer: is
 * there an authorization at all, can it be parsed, is its scope ours, is
 * its time acceptable (15 minutes of skew; presigned URLs until their
 * X-Amz-Expires), is the key known, does the session token match, are
 * the S3 x-amz-* headers signed, does the signature match, and for S3
 * does the body match its declared X-Amz-Content-SHA256. An aws-chunked
 * S3 body (STREAMING-*) is signed with its literal payload line; its
 * chunks are checked afterwards by the decoder the result carries
 * (sigv4-chunked.c). The canonical request is built by the same code as
 * the signer's.
 */
#include "hs-common.h"
#include "sigv4-int.h"

#include <errno.h>
#include <strings.h>
#include <openssl/crypto.h>

/* The authorization as read from the request (header or query). */
struct auth {
	bool presigned;
	const char *credential;		/* borrowed from the request */
	const char *signed_headers;
	const char *signature;
	const char *amz_date;
	const char *expires;
	char *parts[5];			/* akid, date, region, service, term */
	long expires_s;
	int chunked;			/* enum sigv4_chunked_mode, or -1 */
	/* Copies of the header's fields (the header form only). */
	char *h_credential, *h_signed, *h_signature;
};

/* The aws-chunked payloads S3 accepts (SigV4a's are not served). */
static const struct {
	const char *value;
	enum sigv4_chunked_mode mode;
} streaming[] = {
	{ "STREAMING-UNSIGNED-PAYLOAD-TRAILER", SIGV4_CHUNKED_UNSIGNED_TRAILER },
	{ "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SIGV4_CHUNKED_SIGNED },
	{ "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
	  SIGV4_CHUNKED_SIGNED_TRAILER },
};

static const char *const query_required[] = {
	"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
	"X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires",
};

/* Record a refusal with its AWS code and a formatted message. */
HS_PRINTF(4, 5) static void
refuse(struct sigv4_verify_result *res, const struct sigv4_verify_params *p,
    enum sigv4_status st, const char *fmt, ...)
{
	va_list ap;

	res->status = st;
	res->code = sigv4_error_code(p->family, st);
	res->http_status = sigv4_error_http_status(p->family, st);
	if (p->family == SIGV4_FAMILY_S3 && res->presigned &&
	    (st == SIGV4_ERR_MALFORMED || st == SIGV4_ERR_SCOPE))
		res->code = "AuthorizationQueryParametersError";
	free(res->message);
	va_start(ap, fmt);
	res->message = hs_xvasprintf(fmt, ap);
	va_end(ap);
}

/* Copy one "Name=value" field of the Authorization header. */
static char *
header_field(const char *auth, const char *name)
{
	size_t n = strlen(name);
	const char *p = auth;

	while ((p = strstr(p, name)) != NULL) {
		bool start = p == auth || p[-1] == ' ' || p[-1] == ',';

		if (start && p[n] == '=') {
			p += n + 1;
			return hs_xstrndup(p, strcspn(p, ", "));
		}
		p += n;
	}
	return NULL;
}

/* Read the Authorization header form; false (refused) when malformed. */
static bool
read_header_auth(const char *value, struct auth *a,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *res)
{
	size_t alg = strlen(SIGV4_ALGORITHM);

	if (strncmp(value, SIGV4_ALGORITHM, alg) != 0 || value[alg] != ' ') {
		refuse(res, p, SIGV4_ERR_MALFORMED, "The authorization "
		    "mechanism you have provided is not supported. Please use "
		    SIGV4_ALGORITHM ".");
		return false;
	}
	a->h_credential = header_field(value + alg, "Credential");
	a->h_signed = header_field(value + alg, "SignedHeaders");
	a->h_signature = header_field(value + alg, "Signature");
	if (a->h_credential == NULL || a->h_signed == NULL ||
	    a->h_signature == NULL) {
		refuse(res, p, SIGV4_ERR_MALFORMED, "Authorization header "
		    "requires 'Credential', 'SignedHeaders' and 'Signature' "
		    "parameters.");
		return false;
	}
	a->credential = a->h_credential;
	a->signed_headers = a->h_signed;
	a->signature = a->h_signature;
	return true;
}

/* Read the presigned (query) form; false (refused) when incomplete. */
static bool
read_query_auth(const struct aws_request *r, struct auth *a,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *res)
{
	const char *alg;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(query_required); i++)
		if (aws_kvlist_get_exact(&r->query, query_required[i]) == NULL) {
			refuse(res, p, SIGV4_ERR_MALFORMED, "Query-string "
			    "authentication version 4 requires the "
			    "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
			    "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires "
			    "parameters.");
			return false;
		}
	alg = aws_kvlist_get_exact(&r->query, "X-Amz-Algorithm");
	if (strcmp(alg, SIGV4_ALGORITHM) != 0) {
		refuse(res, p, SIGV4_ERR_MALFORMED, "X-Amz-Algorithm only "
		    "supports \"" SIGV4_ALGORITHM "\"");
		return false;
	}
	a->credential = aws_kvlist_get_exact(&r->query, "X-Amz-Credential");
	a->signed_headers = aws_kvlist_get_exact(&r->query,
	    "X-Amz-SignedHeaders");
	a->signature = aws_kvlist_get_exact(&r->query, "X-Amz-Signature");
	a->amz_date = aws_kvlist_get_exact(&r->query, "X-Amz-Date");
	a->expires = aws_kvlist_get_exact(&r->query, "X-Amz-Expires");
	return true;
}

/* Find which form the request uses and read it. */
static bool
read_auth(const struct aws_request *r, struct auth *a,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *res)
{
	const char *header = aws_kvlist_get(&r->headers, "Authorization");
	bool query = aws_kvlist_get_exact(&r->query, "X-Amz-Signature") ||
	    aws_kvlist_get_exact(&r->query, "X-Amz-Algorithm") ||
	    aws_kvlist_get_exact(&r->query, "X-Amz-Credential");

	res->presigned = a->presigned = query && header == NULL;
	if (header == NULL && !query) {
		refuse(res, p, SIGV4_ERR_MISSING, p->family ==
		    SIGV4_FAMILY_S3 ? "Access Denied" : p->family ==
		    SIGV4_FAMILY_QUERY ? "Request is missing Authentication "
		    "Token" : "Missing Authentication Token");
		return false;
	}
	if (header != NULL && query) {
		refuse(res, p, SIGV4_ERR_MALFORMED, "Only one auth mechanism "
		    "allowed; only the X-Amz-Algorithm query parameter or the "
		    "Authorization header should be specified");
		return false;
	}
	if (query)
		return read_query_auth(r, a, p, res);
	a->amz_date = aws_kvlist_get(&r->headers, "X-Amz-Date");
	return read_header_auth(header, a, p, res);
}

/* Split the credential into its five parts and check date and term. */
static bool
read_credential(struct auth *a, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res)
{
	const char *s = a->credential;
	size_t i;

	for (i = 0; i < 5; i++) {
		size_t n = strcspn(s, "/");

		if ((s[n] == '/') != (i < 4) || n == 0)
			break;
		a->parts[i] = hs_xstrndup(s, n);
		s += n + (i < 4);
	}
	if (i < 5) {
		refuse(res, p, SIGV4_ERR_MALFORMED, "Credential must have "
		    "exactly 5 slash-delimited elements, e.g. "
		    "keyid/date/region/service/term, got '%s'", a->credential);
		return false;
	}
	res->access_key_id = hs_xstrdup(a->parts[0]);
	res->region = hs_xstrdup(a->parts[2]);
	res->service = hs_xstrdup(a->parts[3]);
	if (strcmp(a->parts[4], "aws4_request") != 0) {
		refuse(res, p, SIGV4_ERR_MALFORMED, "Credential should be "
		    "scoped with a valid terminator: 'aws4_request', not '%s'.",
		    a->parts[4]);
		return false;
	}
	return true;
}

/* Check the date header and that the scope date matches it. */
static bool
check_date(struct auth *a, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res)
{
	if (a->amz_date == NULL ||
	    sigv4_parse_time(a->amz_date, &res->request_time) < 0) {
		refuse(res, p, SIGV4_ERR_MALFORMED, a->presigned ?
		    "X-Amz-Date must be in the ISO8601 Long Format "
		    "\"yyyyMMdd'T'HHmmss'Z'\"" : "AWS authentication requires "
		    "a valid X-Amz-Date header in the ISO8601 Long Format "
		    "\"yyyyMMdd'T'HHmmss'Z'\"");
		return false;
	}
	if (strncmp(a->parts[1], a->amz_date, SIGV4_DATE_LEN) != 0 ||
	    strlen(a->parts[1]) != SIGV4_DATE_LEN) {
		refuse(res, p, SIGV4_ERR_MALFORMED, "Date in Credential scope "
		    "does not match YYYYMMDD from ISO-8601 version of date "
		    "from HTTP: '%s' != '%.8s', from '%s'.", a->parts[1],
		    a->amz_date, a->amz_date);
		return false;
	}
	return true;
}

/* Check that the scope names this endpoint's region and service. */
static bool
check_scope(struct auth *a, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res)
{
	if (p->region != NULL && strcmp(a->parts[2], p->region) != 0) {
		if (p->family == SIGV4_FAMILY_S3)
			refuse(res, p, SIGV4_ERR_SCOPE, "The authorization "
			    "header is malformed; the region '%s' is wrong; "
			    "expecting '%s'", a->parts[2], p->region);
		else
			refuse(res, p, SIGV4_ERR_SCOPE, "Credential should be "
			    "scoped to a valid region, not '%s'. ",
			    a->parts[2]);
		return false;
	}
	if (p->service != NULL && strcmp(a->parts[3], p->service) != 0) {
		refuse(res, p, SIGV4_ERR_SCOPE, "Credential should be scoped "
		    "to correct service: '%s'. ", p->service);
		return false;
	}
	return true;
}

/* Read X-Amz-Expires: 1 to 604800 seconds. */
static bool
check_expires(struct auth *a, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res)
{
	char *end;

	errno = 0;
	a->expires_s = strtol(a->expires, &end, 10);
	if (errno != 0 || end == a->expires || *end != '\0') {
		refuse(res, p, SIGV4_ERR_MALFORMED, "X-Amz-Expires should be "
		    "a number");
		return false;
	}
	if (a->expires_s < 1 || a->expires_s > SIGV4_MAX_EXPIRES) {
		refuse(res, p, SIGV4_ERR_MALFORMED, a->expires_s < 1 ?
		    "X-Amz-Expires must be non-negative" : "X-Amz-Expires "
		    "must be less than a week (in seconds) that is 604800");
		return false;
	}
	return true;
}

/* Refuse for clock skew, worded as the family words it. */
static void
refuse_skew(struct auth *a, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res, bool future)
{
	char now[SIGV4_TIME_LEN + 1], edge[SIGV4_TIME_LEN + 1];

	if (p->family == SIGV4_FAMILY_S3) {
		refuse(res, p, SIGV4_ERR_SKEW, "The difference between the "
		    "request time and the current time is too large.");
		return;
	}
	if (sigv4_format_time(now, p->now) < 0 || sigv4_format_time(edge,
	    p->now + (future ? SIGV4_MAX_SKEW : -SIGV4_MAX_SKEW)) < 0)
		BUG("the server clock %lld is out of range", (long long)p->now);
	if (future)
		refuse(res, p, SIGV4_ERR_SKEW, "Signature not yet current: %s "
		    "is still later than %s (%s + 15 min.)", a->amz_date, edge,
		    now);
	else
		refuse(res, p, SIGV4_ERR_SKEW, "Signature expired: %s is now "
		    "earlier than %s (%s - 15 min.)", a->amz_date, edge, now);
}

/* Check the request time against the clock, and a URL's expiry. */
static bool
check_time(struct auth *a, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res)
{
	time_t t = res->request_time;

	if (t > p->now + SIGV4_MAX_SKEW) {
		refuse_skew(a, p, res, true);
		return false;
	}
	if (a->presigned && p->now > t + a->expires_s) {
		refuse(res, p, SIGV4_ERR_EXPIRED, "Request has expired");
		return false;
	}
	if (!a->presigned && t < p->now - SIGV4_MAX_SKEW) {
		refuse_skew(a, p, res, false);
		return false;
	}
	return true;
}

/* Look the key up: 1 known, 0 unknown (refused), -1 lookup error. */
static int
check_key(struct auth *a, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res, struct aws_credentials **c,
    char **cause)
{
	if (p->lookup(p->lookup_arg, a->parts[0], c, cause) < 0)
		return -1;
	if (*c != NULL)
		return 1;
	refuse(res, p, SIGV4_ERR_UNKNOWN_KEY, "%s", p->family ==
	    SIGV4_FAMILY_S3 ? "The AWS Access Key Id you provided does not "
	    "exist in our records." : "The security token included in the "
	    "request is invalid.");
	return 0;
}

/* Check the session token sent against the credentials' own. */
static bool
check_token(const struct aws_request *r, struct auth *a,
    const struct aws_credentials *c, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res)
{
	const char *sent = NULL;
	bool s3 = p->family == SIGV4_FAMILY_S3;

	if (a->presigned)
		sent = aws_kvlist_get_exact(&r->query, "X-Amz-Security-Token");
	if (sent == NULL)
		sent = aws_kvlist_get(&r->headers, "X-Amz-Security-Token");
	if (c->session_token == NULL ? sent != NULL : sent == NULL ||
	    !hs_const_time_eq(sent, c->session_token)) {
		refuse(res, p, SIGV4_ERR_TOKEN, "%s", s3 ? "The provided token "
		    "is malformed or otherwise invalid." : "The security token "
		    "included in the request is invalid.");
		return false;
	}
	if (c->expiration != 0 && p->now >= c->expiration) {
		refuse(res, p, SIGV4_ERR_TOKEN_EXPIRED, "%s", s3 ? "The "
		    "provided token has expired." : "The security token "
		    "included in the request is expired");
		return false;
	}
	return true;
}

/* Tell whether a ';'-joined list names a header (case-insensitively). */
static bool
in_list(const char *list, const char *name)
{
	size_t len = strlen(name);

	while (*list != '\0') {
		size_t n = strcspn(list, ";");

		if (n == len && strncasecmp(list, name, n) == 0)
			return true;
		list += n + (list[n] == ';');
	}
	return false;
}

/* Check that host is signed and, for S3, every x-amz-* header too. */
static bool
check_signed_headers(const struct aws_request *r, struct auth *a,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *res)
{
	size_t i;

	if (!in_list(a->signed_headers, "host")) {
		refuse(res, p, SIGV4_ERR_MALFORMED, "The host header must be "
		    "signed; SignedHeaders is '%s'", a->signed_headers);
		return false;
	}
	if (p->family != SIGV4_FAMILY_S3)
		return true;
	for (i = 0; i < r->headers.n; i++) {
		const char *name = r->headers.items[i].name;

		if (strncasecmp(name, "x-amz-", 6) == 0 &&
		    !in_list(a->signed_headers, name)) {
			refuse(res, p, SIGV4_ERR_UNSIGNED_HEADERS, "There were "
			    "headers present in the request which were not "
			    "signed: %s", name);
			return false;
		}
	}
	return true;
}

static bool
is_sha256_hex(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == SIGV4_HEX_LEN;
}

/* Read an aws-chunked payload value: 1 known, 0 refused. */
static int
s3_streaming(const char *v, struct auth *a, char *payload,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *res)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(streaming); i++)
		if (strcmp(v, streaming[i].value) == 0) {
			hs_strlcpy(payload, v, SIGV4_HEX_LEN + 1);
			a->chunked = (int)streaming[i].mode;
			return 1;
		}
	refuse(res, p, SIGV4_ERR_MALFORMED, "x-amz-content-sha256 '%s' is not "
	    "supported here: use STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) "
	    "or STREAMING-UNSIGNED-PAYLOAD-TRAILER (SigV4a is not served)", v);
	return 0;
}

/* Read an S3 request's declared payload: 1 fine, 0 refused. */
static int
s3_payload(const struct aws_request *r, struct auth *a, char *payload,
    bool *check_body, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res)
{
	const char *v = aws_kvlist_get(&r->headers, "X-Amz-Content-SHA256");

	if (a->presigned || (v && strcmp(v, SIGV4_PAYLOAD_UNSIGNED) == 0)) {
		hs_strlcpy(payload, SIGV4_PAYLOAD_UNSIGNED, SIGV4_HEX_LEN + 1);
		return 1;
	}
	if (v == NULL) {
		refuse(res, p, SIGV4_ERR_MALFORMED, "Missing required header "
		    "for this request: x-amz-content-sha256");
		return 0;
	}
	if (hs_starts_with(v, "STREAMING-"))
		return s3_streaming(v, a, payload, p, res);
	if (!is_sha256_hex(v)) {
		refuse(res, p, SIGV4_ERR_MALFORMED, "x-amz-content-sha256 must "
		    "be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
		    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
		    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a SHA256 "
		    "value.");
		return 0;
	}
	hs_strlcpy(payload, v, SIGV4_HEX_LEN + 1);
	*check_body = true;
	return 1;
}

/* Read X-Amz-Decoded-Content-Length; false (refused) when absent or bad. */
static bool
decoded_length(const struct aws_request *r, uint64_t *out,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *res)
{
	const char *v = aws_kvlist_get(&r->headers,
	    "X-Amz-Decoded-Content-Length");
	char *end;

	errno = 0;
	if (v != NULL && *v >= '0' && *v <= '9') {
		*out = strtoull(v, &end, 10);
		if (errno == 0 && *end == '\0')
			return true;
	}
	refuse(res, p, SIGV4_ERR_LENGTH_REQUIRED, "You must provide the "
	    "Content-Length HTTP header.");
	return false;
}

/* Set up the decoder of an aws-chunked body: 1 ready, 0 refused. */
static int
start_chunked(const struct aws_request *r, struct auth *a,
    const struct aws_credentials *c, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res)
{
	unsigned char key[SIGV4_SHA256_LEN];
	uint64_t len;
	char *scope;

	if (!decoded_length(r, &len, p, res))
		return 0;
	scope = hs_xasprintf("%s/%s/%s/aws4_request", a->parts[1],
	    a->parts[2], a->parts[3]);
	sigv4_signing_key(key, p->cache, c, a->parts[1], a->parts[2],
	    a->parts[3]);
	res->chunked = sigv4_chunked_new((enum sigv4_chunked_mode)a->chunked,
	    key, a->amz_date, scope, a->signature, len,
	    aws_kvlist_get(&r->headers, "X-Amz-Trailer"));
	OPENSSL_cleanse(key, sizeof key);
	free(scope);
	return 1;
}

/* Build the canonical request and compare signatures: 1 match, 0 not. */
static int
check_signature(const struct aws_request *r, struct auth *a,
    const struct aws_credentials *c, const char *payload,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *res)
{
	struct aws_request view = *r;
	struct hs_buf canon = HS_BUF_INIT, sts = HS_BUF_INIT;
	unsigned char key[SIGV4_SHA256_LEN];
	char sig[SIGV4_HEX_LEN + 1], *scope;
	bool s3 = sigv4_is_s3(a->parts[3]);
	size_t i;
	int ok = 0;

	view.query.items = hs_xcalloc(r->query.n + 1, sizeof *view.query.items);
	view.query.n = 0;
	for (i = 0; i < r->query.n; i++)
		if (strcmp(r->query.items[i].name, "X-Amz-Signature") != 0)
			view.query.items[view.query.n++] = r->query.items[i];
	scope = hs_xasprintf("%s/%s/%s/aws4_request", a->parts[1],
	    a->parts[2], a->parts[3]);
	if (sigv4_canonical_request(&canon, &view, s3, !s3, a->signed_headers,
	    NULL, payload) == 0) {
		sigv4_string_to_sign(&sts, a->amz_date, scope, canon.buf);
		sigv4_signing_key(key, p->cache, c, a->parts[1], a->parts[2],
		    a->parts[3]);
		sigv4_signature(sig, key, sts.buf);
		ok = hs_const_time_eq(sig, a->signature);
		OPENSSL_cleanse(key, sizeof key);
		OPENSSL_cleanse(sig, sizeof sig);
	}
	if (!ok) {
		refuse(res, p, SIGV4_ERR_SIGNATURE, "%s", p->family ==
		    SIGV4_FAMILY_S3 ? "The request signature we calculated "
		    "does not match the signature you provided. Check your key "
		    "and signing method." : "The request signature we "
		    "calculated does not match the signature you provided. "
		    "Check your AWS Secret Access Key and signing method. "
		    "Consult the service documentation for details.");
		res->canonical_request = hs_xstrdup(canon.buf);
		res->string_to_sign = hs_xstrdup(sts.buf);
	}
	free(view.query.items);
	free(scope);
	hs_buf_cleanse(&canon);
	hs_buf_cleanse(&sts);
	return ok;
}

/* Compare the body with its declared hash (S3): 1 same, 0 not, -1 error. */
static int
check_body(const struct aws_request *r, const char *declared,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *res,
    char **cause)
{
	char actual[SIGV4_HEX_LEN + 1];

	if (sigv4_payload_hash(actual, r, cause) < 0)
		return -1;
	if (strcmp(actual, declared) == 0)
		return 1;
	refuse(res, p, SIGV4_ERR_PAYLOAD, "The provided 'x-amz-content-sha256' "
	    "header does not match what was computed.");
	return 0;
}

/* Run the checks that need no key: form, credential, date, scope, time. */
static bool
check_request(const struct aws_request *r, struct auth *a,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *res)
{
	return read_auth(r, a, p, res) && read_credential(a, p, res) &&
	    check_date(a, p, res) && check_scope(a, p, res) &&
	    (!a->presigned || check_expires(a, p, res)) &&
	    check_time(a, p, res);
}

/* Free what reading the authorization allocated. */
static void
auth_clear(struct auth *a)
{
	size_t i;

	for (i = 0; i < 5; i++)
		free(a->parts[i]);
	free(a->h_credential);
	free(a->h_signed);
	hs_free_secret(a->h_signature);
}

/* Pick the payload line: 1 fine, 0 refused, -1 error. */
static int
verify_payload(const struct aws_request *r, struct auth *a, char *payload,
    bool *body, const struct sigv4_verify_params *p,
    struct sigv4_verify_result *res, char **cause)
{
	if (sigv4_is_s3(a->parts[3]))
		return s3_payload(r, a, payload, body, p, res);
	return sigv4_payload_hash(payload, r, cause) < 0 ? -1 : 1;
}

/* Verify the signature of a received request, in either form. */
int
sigv4_verify(const struct aws_request *r,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *out,
    char **cause)
{
	struct auth a;
	struct aws_credentials *c = NULL;
	char payload[SIGV4_HEX_LEN + 1];
	bool body = false;
	int k;

	memset(&a, 0, sizeof a);
	a.chunked = -1;
	sigv4_verify_result_clear(out);
	k = check_request(r, &a, p, out) ? check_key(&a, p, out, &c, cause) : 0;
	if (k > 0 && (!check_token(r, &a, c, p, out) ||
	    !check_signed_headers(r, &a, p, out)))
		k = 0;
	if (k > 0)
		k = verify_payload(r, &a, payload, &body, p, out, cause);
	if (k > 0)
		k = check_signature(r, &a, c, payload, p, out);
	if (k > 0 && body)
		k = check_body(r, payload, p, out, cause);
	if (k > 0 && a.chunked >= 0)
		k = start_chunked(r, &a, c, p, out);
	if (k > 0) {
		out->credentials = c;
		c = NULL;
	}
	auth_clear(&a);
	aws_credentials_release(c);
	return k < 0 ? -1 : 0;
}

/* Wipe and free a verify result; it is left empty. */
void
sigv4_verify_result_clear(struct sigv4_verify_result *res)
{
	struct sigv4_verify_result empty = SIGV4_VERIFY_RESULT_INIT;

	free(res->message);
	aws_credentials_release(res->credentials);
	free(res->access_key_id);
	free(res->region);
	free(res->service);
	hs_free_secret(res->canonical_request);
	hs_free_secret(res->string_to_sign);
	sigv4_chunked_free(res->chunked);
	*res = empty;
}
