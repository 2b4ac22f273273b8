import { createRequire } from 'node:module';
import type * as Commander from 'commander';

/**
 * commander, required: its ES module entry only re-exports the CommonJS one, and importing it
 * that way costs about 2 ms of every command's start-up (the CommonJS exports lexer, a module more).
 */
const commander = createRequire(import.meta.url)('commander') as typeof Commander;

export const { Command, CommanderError, Help, Option } = commander;
export type Command = Commander.Command;
export type CommanderError = Commander.CommanderError;
export type Help = Commander.Help;
export type Option = Commander.Option;
