// node-shim.js: the Node.js runtime shim of hipaa-sandbox's Lambda.
//
// The sandbox runs `node node-shim.js` in the function's unpacked code
// folder with the function's environment. The shim loads the handler
// named by _HANDLER ("index.handler": index.js, index.mjs or index.cjs,
// through import() so that CommonJS and ES modules both work), reads the
// event (JSON) from its standard input, calls the handler with the event
// and a context object (async handlers, and callback handlers), and
// reports on file descriptor 3, one JSON line each:
//   {"type":"ready"}                      the handler is loaded
//   {"type":"result","body":"<JSON>"}     the handler's result
//   {"type":"error","body":"<JSON>"}      the function's error, shaped
//                                         as Lambda's Node.js runtime does
// console.* writes lines as Lambda does: "TIME\tREQUEST-ID\tLEVEL\tmessage",
// with newlines in a message turned into "\r" (one log event per call).
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const requestId = process.env._SBX_REQUEST_ID || '';
const timeoutMs = Number(process.env._SBX_TIMEOUT_MS || 3000);
let deadline = Date.now() + timeoutMs;
const invokedArn = process.env._SBX_FUNCTION_ARN || '';
for (const k of Object.keys(process.env))
	if (k.startsWith('_SBX_'))
		delete process.env[k];

function control(msg) {
	fs.writeSync(3, JSON.stringify(msg) + '\n');
}

function logLine(level, args) {
	const text = util.format.apply(util, args).replace(/\n/g, '\r');
	fs.writeSync(1, `${new Date().toISOString()}\t${requestId}\t${level}\t${text}\n`);
}

const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR',
	debug: 'DEBUG', trace: 'TRACE' };
for (const [name, level] of Object.entries(levels))
	console[name] = (...args) => logLine(level, args);

// Stack traces name the folders as Lambda's do (/var/task, /var/runtime).
const taskRoot = process.env.LAMBDA_TASK_ROOT || '';
const runtimeDir = process.env.LAMBDA_RUNTIME_DIR || '';
function lambdaPaths(s) {
	return s.split(taskRoot).join('/var/task').split(runtimeDir).join('/var/runtime');
}

function errorBody(err) {
	if (err instanceof Error)
		return { errorType: err.name || 'Error', errorMessage: err.message,
			trace: lambdaPaths(String(err.stack || '')).split('\n') };
	return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

let done = false;
function finish(err, result) {
	if (done)
		return;
	done = true;
	if (err !== null && err !== undefined) {
		const body = errorBody(err);
		logLine('ERROR', ['Invoke Error \t' + JSON.stringify({
			errorType: body.errorType, errorMessage: body.errorMessage,
			stack: body.trace })]);
		control({ type: 'error', body: JSON.stringify(body) });
	} else {
		let text;
		try {
			text = JSON.stringify(result === undefined ? null : result);
		} catch (e) {
			control({ type: 'error', body: JSON.stringify({
				errorType: 'Runtime.MarshalError',
				errorMessage: 'Unable to stringify response body',
				trace: [] }) });
			process.exit(0);
		}
		control({ type: 'result', body: text });
	}
	process.exit(0);
}

function initError(type, message, err) {
	const trace = err ? lambdaPaths(String(err.stack || '')).split('\n') : [];
	const body = { errorType: type, errorMessage: message, trace: trace };
	logLine('ERROR', ['Uncaught Exception \t' + JSON.stringify({
		errorType: type, errorMessage: message, stack: trace })]);
	done = true;
	control({ type: 'error', body: JSON.stringify(body) });
	process.exit(0);
}

async function loadHandler(spec) {
	const dot = spec.lastIndexOf('.');
	if (dot <= 0 || dot === spec.length - 1)
		initError('Runtime.MalformedHandlerName', 'Bad handler');
	const modName = spec.slice(0, dot);
	const fnName = spec.slice(dot + 1);
	const root = process.env.LAMBDA_TASK_ROOT || process.cwd();
	let file = null;
	for (const ext of ['.js', '.mjs', '.cjs'])
		if (fs.existsSync(path.join(root, modName + ext))) {
			file = path.join(root, modName + ext);
			break;
		}
	if (file === null)
		initError('Runtime.ImportModuleError', `Error: Cannot find module '${modName}'\nRequire stack:\n- /var/runtime/index.mjs`);
	let mod;
	try {
		mod = await import(pathToFileURL(file).href);
	} catch (e) {
		initError('Runtime.ImportModuleError', `${e.name}: ${e.message}`, e);
	}
	let fn = mod[fnName];
	if (typeof fn !== 'function' && mod.default)
		fn = mod.default[fnName];
	if (typeof fn !== 'function')
		initError('Runtime.HandlerNotFound', `${spec} is undefined or not exported`);
	return fn;
}

process.on('uncaughtException', (err) => {
	if (done)
		return;
	const body = errorBody(err);
	logLine('ERROR', ['Uncaught Exception \t' + JSON.stringify({
		errorType: body.errorType, errorMessage: body.errorMessage,
		stack: body.trace })]);
	done = true;
	control({ type: 'error', body: JSON.stringify(body) });
	process.exit(1);
});
process.on('unhandledRejection', (reason) => {
	throw reason instanceof Error ? reason : new Error(String(reason));
});

(async () => {
	const handler = await loadHandler(process.env._HANDLER || '');
	control({ type: 'ready' });
	let event;
	try {
		event = JSON.parse(fs.readFileSync(0, 'utf8') || 'null');
	} catch (e) {
		initError('Runtime.UnmarshalError', `Unable to parse event: ${e.message}`, e);
	}
	const context = {
		awsRequestId: requestId,
		functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
		functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
		invokedFunctionArn: invokedArn,
		memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
		logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
		logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
		callbackWaitsForEmptyEventLoop: true,
		getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
		succeed: (r) => finish(null, r),
		fail: (e) => finish(e === undefined ? new Error('handled') : e),
		done: (e, r) => finish(e, r),
	};
	process.on('beforeExit', () => finish(null, null));
	deadline = Date.now() + timeoutMs;
	let ret;
	try {
		ret = handler(event, context, (err, result) => finish(err, result));
	} catch (e) {
		finish(e);
	}
	if (ret && typeof ret.then === 'function')
		ret.then((r) => finish(null, r), (e) => finish(e === undefined ? new Error('undefined') : e));
})();
