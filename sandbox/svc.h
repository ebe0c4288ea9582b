/*
 * svc.h: what the service table needs from each service, and the helpers
 * handlers share. A service NAME provides, in its svc-NAME*.c files:
 *   const struct sbx_op sbx_NAME_ops[];   sorted by operation name
 *   const size_t sbx_NAME_n_ops;
 *   const char sbx_NAME_schema[];         its tables (CREATE ... IF NOT EXISTS)
 * and a resolver when the generic ones (query: Action; json:
 * X-Amz-Target) do not fit.
 *
 * A handler is int fn(struct sbx_call *c): it reads c->req (and, for
 * model-driven services, c->input), writes c->status, c->headers and
 * c->body (or c->stream), and returns 0; on failure it returns
 * sbx_fail(c, STATUS, CODE, MESSAGE...), which error.c encodes.
 */
#ifndef HS_SANDBOX_SVC_H
#define HS_SANDBOX_SVC_H

#include "sbx.h"

/* auth.c */
/* Verify the request's signature and set c->who (or c->anonymous). */
int sbx_auth(struct sbx_call *c);

/* model.c */
int sbx_model_resolve(struct sbx_call *c);
void sbx_model_answer(struct sbx_call *c);
/* Encode c's error with the service model (S3's <BucketName>... from
 * c->err_fields); false when the model cannot be loaded. */
bool sbx_model_error(struct sbx_call *c);

/* router.c */
int sbx_form_decode(struct sbx_call *c);

/* ECR (issue 7) */
extern const char sbx_ecr_schema[];
extern const struct sbx_op sbx_ecr_ops[];
extern const size_t sbx_ecr_n_ops;

/* IAM (issue 7) */
extern const char sbx_iam_schema[];
extern const struct sbx_op sbx_iam_ops[];
extern const size_t sbx_iam_n_ops;

/* Lambda (issue 7) */
extern const char sbx_lambda_schema[];
extern const struct sbx_op sbx_lambda_ops[];
extern const size_t sbx_lambda_n_ops;

/* CloudWatch Logs (issue 7) */
extern const char sbx_logs_schema[];
extern const struct sbx_op sbx_logs_ops[];
extern const size_t sbx_logs_n_ops;

/* S3 */
extern const char sbx_s3_schema[];
extern const struct sbx_op sbx_s3_ops[];
extern const size_t sbx_s3_n_ops;
int sbx_s3_resolve(struct sbx_call *c);

/* STS */
extern const char sbx_sts_schema[];
extern const struct sbx_op sbx_sts_ops[];
extern const size_t sbx_sts_n_ops;

#endif
