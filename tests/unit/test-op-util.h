/*
 * test-op-util.h: what the unit tests of the model operation share: a
 * small model of every shape type (the "demo" service), the real models,
 * and JSON comparisons.
 */
#ifndef HS_TEST_OP_UTIL_H
#define HS_TEST_OP_UTIL_H

#include "hs-common.h"
#include "harness.h"
#include "operation.h"

#include <cjson/cJSON.h>

/* The demo service (json protocol): DoThing takes every shape type,
 * ListThings is paginated. Built once; freed at exit. */
const struct aws_service *op_demo(void);
/* An operation of the demo service by API name. */
const struct aws_operation *op_demo_op(const char *name);
/* An operation of an installed model by CLI names ("iam", "create-role"). */
const struct aws_operation *op_real(const char *cli_service,
    const char *cli_op);
/* Compare a value with JSON text (after parsing both); prints both when
 * they differ. */
bool op_json_eq(const cJSON *got, const char *want);
/* Write text to a file under the test's temporary folder; returns its
 * path (static storage until the next call). */
const char *op_tmpfile(const char *name, const void *data, size_t len);

#endif
