/**
 * The engine API the page calls on the worker (through Comlink): declared once in the engine
 * (`EngineApi`, implemented by `EngineSession`), re-exported here for the page.
 */
export type * from '../../engine/run/engine-api';
