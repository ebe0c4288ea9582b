/*
 * api.h: what the model-driven services of issue 7 (IAM, Lambda, ECR,
 * CloudWatch Logs) share: reading the decoded input (c->input, cJSON with
 * the model's member names), the caller's authorization by the identity
 * policies of its role, their resources in the sandbox's account, and the
 * formats AWS answers with.
 *
 * Resources of these services belong to the sandbox's account (--account-id):
 * a caller of another account (a credentials-file principal of account
 * 222222222222) is refused with AccessDenied rather than shown or given
 * the sandbox account's resources.
 */
#ifndef HS_SANDBOX_API_H
#define HS_SANDBOX_API_H

#include "svc.h"
#include "store.h"

struct policy;

/* store-run.c */
/* Prepare sql and bind n text arguments (NULL binds SQL NULL; SQLite
 * turns numbers in text into integers in INTEGER columns). NULL with
 * *cause. Hold the store's lock around the statement's use. */
sqlite3_stmt *sbx_store_query(sqlite3 *db, char **cause, const char *sql,
    int n, ...);
/* Run one statement with n text arguments; the number of rows changed,
 * or -1 with *cause. */
int sbx_store_run(sqlite3 *db, char **cause, const char *sql, int n, ...);
/* Step a statement: 1 for a row, 0 when done, -1 with *cause. */
int sbx_store_step(sqlite3 *db, sqlite3_stmt *s, char **cause);
/* Begin, commit or roll back a transaction (held under the lock). */
int sbx_store_begin(sqlite3 *db, char **cause);
int sbx_store_commit(sqlite3 *db, char **cause);
void sbx_store_rollback(sqlite3 *db);
/* Free an array of n strings (store-iam.c). */
void sbx_strv_free(char **v, size_t n);
/* An integer as text for sbx_store_run (buf of 24 bytes). */
const char *sbx_itoa(int64_t v, char buf[24]);

/* api-input.c */
/* A string member of c->input, or NULL. */
const char *sbx_in_str(const struct sbx_call *c, const char *name);
/* A member of c->input (any type), or NULL. */
cJSON *sbx_in(const struct sbx_call *c, const char *name);
/* A number member as long, or def when absent. */
long sbx_in_long(const struct sbx_call *c, const char *name, long def);
/* A boolean member, or def when absent. */
bool sbx_in_bool(const struct sbx_call *c, const char *name, bool def);
/* The largest request body of the JSON and query services: Lambda's
 * CreateFunction with a 50 MB zip, base64-encoded. */
#define SBX_API_MAX_BODY ((uint64_t)69905067)
/* Bring a request body spilled to a file back into memory, where the
 * JSON and query protocols decode it; 413 RequestEntityTooLargeException
 * past max; -1 after answering. */
int sbx_api_body_in_memory(struct sbx_call *c, uint64_t max);
/* Answer an internal (store) failure without showing its cause; -1. */
int sbx_api_internal(struct sbx_call *c, char *cause);
/* Answer the json/rest-json protocols' ValidationException for one
 * member: "1 validation error detected: Value 'V' at 'member' failed to
 * satisfy constraint: Member must CONSTRAINT"; -1. */
int sbx_api_invalid(struct sbx_call *c, const char *code, const char *value,
    const char *member, const char *constraint);
/* Tell whether s is 1..max characters of the class [A-Za-z0-9] plus
 * the characters of extra. */
bool sbx_api_name_ok(const char *s, size_t max, const char *extra);
/* A UUID4 string (37 bytes with the NUL). */
void sbx_api_uuid(char out[37]);
/* The Tags of the input as a JSON object {key: value}: from a map
 * (Lambda, Logs) or a list of {Key, Value} (IAM: key_name "Key", ECR:
 * "Key"); NULL when absent. */
cJSON *sbx_api_tags_in(const cJSON *tags, const char *key_name,
    const char *value_name);
/* A tags object {key: value} as a list of {KEY: k, VALUE: v}. */
cJSON *sbx_api_tags_list(const cJSON *map, const char *key_name,
    const char *value_name);

/* Decode standard base64 (padded); NULL when it is not base64. */
unsigned char *sbx_base64_decode(const char *s, size_t *len);
/* Encode bytes as standard base64 (caller frees). */
char *sbx_base64_encode(const void *data, size_t len);

/* api-authz.c */
/*
 * Decide whether the caller may do action ("iam:CreateRole") on resource
 * (an ARN, or NULL for "*"), answering 403 with code (AccessDenied for
 * IAM, AccessDeniedException for the json services) when refused:
 * - callers of another account than the sandbox's are refused;
 * - credentials-file principals act as administrators (as in S3);
 * - STS role sessions get what the role's identity policies (inline and
 *   attached managed policies) allow, evaluated by the policy engine.
 */
int sbx_api_authorize(struct sbx_call *c, const char *code,
    const char *action, const char *resource);
/* The parsed identity policies of the role of an STS session ARN
 * ("arn:aws:sts::A:assumed-role/ROLE/SESSION"): inline policies and the
 * attached managed ones; their count (0 for other ARNs). Free them with
 * sbx_api_policies_free(). */
size_t sbx_api_session_policies(struct sandbox *sb, const char *session_arn,
    struct policy ***out);
void sbx_api_policies_free(struct policy **p, size_t n);
/* The role's identity policies allow action on resource (no answer):
 * what Lambda asks for its execution role (logs:PutLogEvents...). */
bool sbx_api_role_allows(struct sandbox *sb, const char *role_name,
    const char *action, const char *resource, time_t now);

#endif
