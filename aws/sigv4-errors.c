/*
 * sigv4-errors.c: the AWS error code and HTTP status of each way a
 * signature check can fail, in each service family's vocabulary.
 *
 * S3 speaks its own (AccessDenied, InvalidAccessKeyId...); the query
 * protocol services (IAM, STS) use the "common errors" of the AWS API
 * references (MissingAuthenticationToken, InvalidClientTokenId...); JSON
 * services (Lambda, ECR, CloudWatch Logs) answer the same conditions as
 * ...Exception codes. Clock skew is RequestTimeTooSkewed for S3 and a
 * "Signature expired" SignatureDoesNotMatch / InvalidSignatureException
 * elsewhere, which is what SDKs look for to correct their clock.
 */
#include "hs-common.h"
#include "sigv4-int.h"

struct error_row {
	const char *code[3];	/* by enum sigv4_family */
	int http[3];
};

/* Indexed by enum sigv4_status. */
static const struct error_row errors[] = {
	[SIGV4_OK] = { { NULL, NULL, NULL }, { 200, 200, 200 } },
	[SIGV4_ERR_MISSING] = {
		{ "AccessDenied", "MissingAuthenticationToken",
		  "MissingAuthenticationTokenException" }, { 403, 403, 403 } },
	[SIGV4_ERR_MALFORMED] = {
		{ "AuthorizationHeaderMalformed", "IncompleteSignature",
		  "IncompleteSignatureException" }, { 400, 400, 400 } },
	[SIGV4_ERR_SCOPE] = {
		{ "AuthorizationHeaderMalformed", "SignatureDoesNotMatch",
		  "InvalidSignatureException" }, { 400, 403, 403 } },
	[SIGV4_ERR_UNKNOWN_KEY] = {
		{ "InvalidAccessKeyId", "InvalidClientTokenId",
		  "UnrecognizedClientException" }, { 403, 403, 403 } },
	[SIGV4_ERR_SIGNATURE] = {
		{ "SignatureDoesNotMatch", "SignatureDoesNotMatch",
		  "InvalidSignatureException" }, { 403, 403, 403 } },
	[SIGV4_ERR_EXPIRED] = {
		{ "AccessDenied", "RequestExpired",
		  "InvalidSignatureException" }, { 403, 400, 403 } },
	[SIGV4_ERR_SKEW] = {
		{ "RequestTimeTooSkewed", "SignatureDoesNotMatch",
		  "InvalidSignatureException" }, { 403, 403, 403 } },
	[SIGV4_ERR_TOKEN] = {
		{ "InvalidToken", "InvalidClientTokenId",
		  "UnrecognizedClientException" }, { 400, 403, 403 } },
	[SIGV4_ERR_TOKEN_EXPIRED] = {
		{ "ExpiredToken", "ExpiredToken", "ExpiredTokenException" },
		{ 400, 403, 403 } },
	[SIGV4_ERR_UNSIGNED_HEADERS] = {
		{ "AccessDenied", "IncompleteSignature",
		  "IncompleteSignatureException" }, { 403, 400, 400 } },
	[SIGV4_ERR_PAYLOAD] = {
		{ "XAmzContentSHA256Mismatch", "SignatureDoesNotMatch",
		  "InvalidSignatureException" }, { 400, 403, 403 } },
	/* aws-chunked bodies exist for S3 only: its codes everywhere. */
	[SIGV4_ERR_LENGTH_REQUIRED] = {
		{ "MissingContentLength", "MissingContentLength",
		  "MissingContentLength" }, { 411, 411, 411 } },
	[SIGV4_ERR_BODY_INCOMPLETE] = {
		{ "IncompleteBody", "IncompleteBody", "IncompleteBody" },
		{ 400, 400, 400 } },
	[SIGV4_ERR_CHUNK_SIZE] = {
		{ "InvalidChunkSizeError", "InvalidChunkSizeError",
		  "InvalidChunkSizeError" }, { 400, 400, 400 } },
	[SIGV4_ERR_TRAILER] = {
		{ "MalformedTrailerError", "MalformedTrailerError",
		  "MalformedTrailerError" }, { 400, 400, 400 } },
};

/* Check the indices once. */
static const struct error_row *
row(enum sigv4_family family, enum sigv4_status st)
{
	if ((unsigned)st >= HS_ARRAY_SIZE(errors) || (unsigned)family > 2)
		BUG("no SigV4 error for status %d, family %d", (int)st,
		    (int)family);
	return &errors[st];
}

/* The AWS error code of a status in a family. */
const char *
sigv4_error_code(enum sigv4_family family, enum sigv4_status st)
{
	return row(family, st)->code[family];
}

/* The HTTP status AWS answers for a status in a family. */
int
sigv4_error_http_status(enum sigv4_family family, enum sigv4_status st)
{
	return row(family, st)->http[family];
}
