/*
 * lambda.h: Lambda in the sandbox: functions and their versions in the
 * store, their code (zip files kept as encrypted blobs and unpacked safely
 * for each run), runs of a handler in a child process through a runtime
 * shim (node or python3), invocations that write the function's logs to
 * CloudWatch Logs as Lambda does, asynchronous invocations (Event, S3
 * notifications) on a worker thread, and function resource policies.
 *
 * Store functions return 0 when done, 1 for "no such function" (or
 * "exists" for creation), -1 with *cause on failure.
 */
#ifndef HS_SANDBOX_LAMBDA_H
#define HS_SANDBOX_LAMBDA_H

#include "api.h"

#define LAMBDA_MAX_ZIP ((size_t)50 << 20)	/* ZipFile in the request */
#define LAMBDA_MAX_UNZIPPED ((uint64_t)262144000)

/* A function ($LATEST) or one of its published versions. */
struct sbx_lambda_fn {
	char *name;
	char *region;
	char *version;		/* "$LATEST", "1", "2", ... */
	char *runtime;
	char *role;		/* execution role ARN */
	char *handler;
	char *description;	/* "" when none */
	int timeout;		/* seconds, 1-900 */
	int memory;		/* MB, 128-10240 */
	cJSON *env;		/* {"K": "V"} or NULL */
	char *arch;		/* "x86_64" or "arm64" */
	char *code_blob;	/* blob ID of the zip (encrypted at rest) */
	char *code_sha;		/* base64 SHA-256 of the zip */
	int64_t code_size;	/* bytes of the zip */
	int64_t modified_ms;
	char *revision;		/* a UUID, new at each change */
	cJSON *tags;		/* $LATEST: {"K": "V"} or NULL */
	char *policy;		/* resource policy JSON, or NULL */
	int next_version;	/* $LATEST: the number PublishVersion gives */
};

void sbx_lambda_fn_clear(struct sbx_lambda_fn *f);
void sbx_lambda_fns_free(struct sbx_lambda_fn *f, size_t n);

/* store-lambda.c */
/* 0 created ($LATEST), 1 a function of that name exists. */
int sbx_lambda_fn_create(struct sbx_store *st, const struct sbx_lambda_fn *f,
    char **cause);
/* A function's version ("$LATEST" or a number): 0 found, 1 none. */
int sbx_lambda_fn_get(struct sbx_store *st, const char *name,
    const char *version, struct sbx_lambda_fn *out, char **cause);
/* Every function's $LATEST (all_versions: every version too), by name. */
int sbx_lambda_fn_list(struct sbx_store *st, bool all_versions,
    struct sbx_lambda_fn **out, size_t *n, char **cause);
/* A function's versions, $LATEST first then by number. */
int sbx_lambda_fn_versions(struct sbx_store *st, const char *name,
    struct sbx_lambda_fn **out, size_t *n, char **cause);
/* Replace $LATEST's configuration and code (f->revision new); *old_blob:
 * the replaced code's blob when nothing names it any more. 1: none. */
int sbx_lambda_fn_update(struct sbx_store *st, const struct sbx_lambda_fn *f,
    char **old_blob, char **cause);
/* Publish $LATEST as the next version, unless the latest version has the
 * same code and configuration (then that one); out: the version. */
int sbx_lambda_fn_publish(struct sbx_store *st, const char *name,
    const char *description, int64_t now_ms, const char *revision,
    struct sbx_lambda_fn *out, char **cause);
/* Delete a function (version NULL: with all its versions) or one
 * version; *blobs: code no longer named, to remove. 0, 1 none. */
int sbx_lambda_fn_delete(struct sbx_store *st, const char *name,
    const char *version, char ***blobs, size_t *n, char **cause);
/* Set the resource policy of $LATEST (NULL removes it) and a new
 * revision; 1 if no such function. */
int sbx_lambda_fn_set_policy(struct sbx_store *st, const char *name,
    const char *policy, const char *revision, char **cause);
/* Set the tags of $LATEST (NULL removes them). */
int sbx_lambda_fn_set_tags(struct sbx_store *st, const char *name,
    const cJSON *tags, char **cause);

/* lambda-zip.c: zip files as Lambda reads them (stored and deflated
 * entries; no zip64, no encryption). */
/* Check that data is a zip Lambda can unpack; its unzipped size. */
int sbx_zip_check(const void *data, size_t len, uint64_t *unzipped,
    char **cause);
/* Unpack into dir (which exists): entries that would leave it (absolute
 * names, "..") and symbolic links are refused; CRCs are checked. */
int sbx_zip_extract(const void *data, size_t len, const char *dir,
    char **cause);

/* lambda-run.c: one run of a handler in a child process. */
enum sbx_lambda_outcome {
	LAMBDA_RUN_OK,		/* the handler's result in payload */
	LAMBDA_RUN_ERROR,	/* the function's error in payload */
	LAMBDA_RUN_TIMEOUT,	/* killed at the deadline */
	LAMBDA_RUN_EXITED,	/* the runtime exited without a result */
	LAMBDA_RUN_NO_RUNTIME,	/* the runtime's program is not installed */
};

/* A line the function wrote (stdout or stderr), with when it came. */
struct sbx_lambda_line {
	int64_t ts_ms;
	char *text;
};

struct sbx_lambda_run_req {
	const char *program;	/* "node" or "python3" */
	const char *shim;	/* path of the runtime shim */
	const char *task_dir;	/* the unpacked code: the working folder */
	char *const *env;	/* "K=V"..., NULL-terminated: all it gets */
	const char *payload;	/* the event (JSON text) */
	size_t payload_len;
	int timeout_s;
	/* Set (by another thread) to cut the run short: the sandbox stops. */
	const volatile bool *cancel;
};

struct sbx_lambda_run_res {
	enum sbx_lambda_outcome outcome;
	char *payload;		/* result or error JSON text, or NULL */
	struct sbx_lambda_line *lines;
	size_t n_lines;
	double init_ms;		/* start to "handler loaded" */
	double duration_ms;	/* handler called to result (or deadline) */
	long max_rss_mb;
	int exit_status;	/* LAMBDA_RUN_EXITED: status or signal */
	bool signaled;
	bool cancelled;		/* cut short: the sandbox is stopping */
};

void sbx_lambda_run_clear(struct sbx_lambda_run_res *r);
/* Run the handler; -1 with *cause when the run could not be started at
 * all (pipes, fork); a missing program is LAMBDA_RUN_NO_RUNTIME. */
int sbx_lambda_run(const struct sbx_lambda_run_req *req,
    struct sbx_lambda_run_res *res, char **cause);

/* lambda-runtime.c: runtimes and their shims. */
/* Tell whether a runtime is one Lambda accepts for new functions; for a
 * deprecated one, *deprecated is set; an unknown one is neither. */
bool sbx_lambda_runtime_current(const char *runtime, bool *deprecated);
/* The program that runs a runtime ("node", "python3"), or NULL. */
const char *sbx_lambda_runtime_program(const char *runtime);
/* The shim's file name and text for a runtime, or NULL. */
const char *sbx_lambda_shim(const char *runtime, const char **file_name);

/* lambda-creds.c */
/* Temporary credentials of the function's execution role for one run
 * (an STS session the sandbox accepts until it expires), as Lambda
 * gives them to the function; NULL with *cause when the role is gone. */
struct sbx_principal *sbx_lambda_session(struct sandbox *sb,
    const char *role_arn, const char *function, time_t now, long duration,
    char **cause);

/* Tell whether the role exists and trusts lambda.amazonaws.com. */
bool sbx_lambda_role_trusts(struct sandbox *sb, const char *role_arn,
    time_t now);

/* lambda-invoke.c: an invocation as Lambda runs it. */
struct sbx_lambda_invoke {
	/* in */
	const struct sbx_lambda_fn *fn;
	const char *payload;	/* the event (JSON text) */
	size_t payload_len;
	bool tail;		/* X-Amz-Log-Type: Tail */
	/* out */
	char request_id[37];
	char *result;		/* the answer's payload (JSON text) */
	bool function_error;	/* X-Amz-Function-Error: Unhandled */
	char *log_tail;		/* base64 of the log's last 4 KB (tail) */
};
void sbx_lambda_invoke_clear(struct sbx_lambda_invoke *inv);
/* Run an invocation: unpack the code, run the handler with the
 * function's environment and role credentials, write its log to
 * /aws/lambda/NAME (when the role may), and fill the answer. 1 when
 * Lambda cannot assume the execution role; -1 with *cause only when the
 * sandbox itself failed. */
int sbx_lambda_invoke(struct sandbox *sb, struct sbx_lambda_invoke *inv,
    char **cause);

/* lambda-async.c: asynchronous invocations (InvocationType Event, S3
 * event notifications), run one after another on a worker thread. */
int sbx_lambda_async_start(struct sandbox *sb, char **cause);
/* Cut running invocations short (sync ones too), drop queued ones, join
 * the worker; call before the server stops. */
void sbx_lambda_async_stop(struct sandbox *sb);
/* Free it all; call after the server has stopped. */
void sbx_lambda_async_free(struct sandbox *sb);
/* Queue an invocation of a function's version with an event. */
int sbx_lambda_async_submit(struct sandbox *sb, const char *name,
    const char *version, const char *payload, size_t len);
/* The flag that tells runs to stop (NULL before start). */
const volatile bool *sbx_lambda_cancel_flag(struct sandbox *sb);

/* lambda-util.c */
/* arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]. */
char *sbx_lambda_arn(const struct sandbox *sb, const struct sbx_lambda_fn *f,
    bool qualified);
/* The name in a FunctionName (name, ARN or partial ARN) and its
 * qualifier (from the ARN, or NULL); false when it is malformed. */
bool sbx_lambda_parse_name(const char *in, char **name, char **qualifier);
/* Load the function of the input's FunctionName and Qualifier,
 * authorizing action; ResourceNotFoundException when missing. */
int sbx_lambda_load(struct sbx_call *c, const char *action,
    struct sbx_lambda_fn *f);
/* A function as Lambda's FunctionConfiguration. */
enum sbx_lambda_form {
	LAMBDA_FORM_CREATED,	/* State Pending, as CreateFunction answers */
	LAMBDA_FORM_UPDATED,	/* LastUpdateStatus InProgress */
	LAMBDA_FORM_ACTIVE,	/* Active and Successful */
	LAMBDA_FORM_LISTED,	/* no state members (ListFunctions) */
};
cJSON *sbx_lambda_config_json(const struct sandbox *sb,
    const struct sbx_lambda_fn *f, enum sbx_lambda_form form);
/* LastModified as Lambda writes it: 2024-01-02T03:04:05.678+0000. */
void sbx_lambda_date(int64_t ms, char out[40]);
/* Answer ResourceNotFoundException for a function. */
int sbx_lambda_not_found(struct sbx_call *c, const char *name,
    const char *qualifier);
/* Require the caller's permission for a Lambda action. */
int sbx_lambda_authorize(struct sbx_call *c, const char *action,
    const char *arn);

/* lambda-policy.c: function resource policies. */
/* Tell whether the function's policy lets a service principal invoke it
 * for a source ARN and account (S3 notifications). */
bool sbx_lambda_policy_allows(const struct sandbox *sb,
    const struct sbx_lambda_fn *f, const char *service,
    const char *source_arn, const char *source_account, time_t now);

/* svc-lambda-check.c */
/* Check the configuration members of CreateFunction (create) or
 * UpdateFunctionConfiguration; -1 after answering. */
int sbx_lambda_check_config(struct sbx_call *c, bool create);
/* Apply the configuration members of the input to f. */
void sbx_lambda_apply_config(struct sbx_call *c, struct sbx_lambda_fn *f);
/* Take the code (ZipFile, or S3Bucket and S3Key) of code: checked, and
 * kept as a blob when store (else only its digest and size). */
int sbx_lambda_code_input(struct sbx_call *c, const cJSON *code,
    struct sbx_lambda_fn *f, bool store);

/* The handlers (svc-lambda-*.c). */
int sbx_lambda_create_function(struct sbx_call *c);
int sbx_lambda_get_function(struct sbx_call *c);
int sbx_lambda_get_function_configuration(struct sbx_call *c);
int sbx_lambda_list_functions(struct sbx_call *c);
int sbx_lambda_delete_function(struct sbx_call *c);
int sbx_lambda_update_function_code(struct sbx_call *c);
int sbx_lambda_update_function_configuration(struct sbx_call *c);
int sbx_lambda_publish_version(struct sbx_call *c);
int sbx_lambda_list_versions_by_function(struct sbx_call *c);
int sbx_lambda_add_permission(struct sbx_call *c);
int sbx_lambda_get_policy(struct sbx_call *c);
int sbx_lambda_remove_permission(struct sbx_call *c);
int sbx_lambda_invoke_handler(struct sbx_call *c);

#endif
