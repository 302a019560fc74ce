/**
 * Go's regular expressions compiled to JavaScript (server/src/kube/go-regexp.ts). What Go refuses is worked by hand
 * from src/regexp/syntax/parse.go (the function cited beside each test; messages are Error.Error(): "error parsing
 * regexp: " + code + ": `" + expr + "`"); what Go matches from the syntax documented in src/regexp/syntax/doc.go.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goRegexp } from '../../../server/src/kube/go-regexp';

/** Go's regexp.MatchString(pattern, text), or Go's compile error. */
function matches(pattern: string, text: string): boolean | string {
  const compiled = goRegexp(pattern);
  return compiled.ok ? compiled.regexp.test(text) : compiled.error;
}

function refusal(pattern: string): string | undefined {
  const compiled = goRegexp(pattern);
  return compiled.ok ? undefined : compiled.error;
}

// doc.go: (?i) case-insensitive; flags set at the start of a pattern (JavaScript refuses the syntax).
test('a leading (?i) makes the whole pattern case-insensitive', () => {
  assert.equal(matches('^(?i)(true|false)$', 'TRUE'), true);
  assert.equal(matches('^(?i)(true|false)$', 'yes'), false);
});

// doc.go: flags hold until the end of the current group; (?flags:re) sets them for re only.
test('a flag group changes case folding only inside its group', () => {
  assert.equal(matches('^(?i:a)b$', 'Ab'), true);
  assert.equal(matches('^(?i:a)b$', 'AB'), false);
  assert.equal(matches('^a(?i)b$', 'aB'), true);
  assert.equal(matches('^(?i)a(?-i)b$', 'AB'), false);
});

// parse.go appendFoldedRange and unicode.SimpleFold: (?i)k also matches the Kelvin sign, (?i)s the long s.
test('case folding follows Unicode simple folding, beyond ASCII', () => {
  assert.equal(matches('^(?i)k$', '\u212a'), true);
  assert.equal(matches('^(?i)s$', '\u017f'), true);
  assert.equal(matches('^(?i)[^k]$', 'K'), false);
  // ı (dotless i) upper-cases to I but does not fold to it.
  assert.equal(matches('^(?i)i$', '\u0131'), false);
});

// doc.go: \b is an ASCII word boundary, also under (?i), where the Kelvin sign is not a word character for \b.
test('\\b is an ASCII word boundary', () => {
  assert.equal(matches('\\bk', ' k'), true);
  assert.equal(matches('(?i)\\bk', '\u212a'), false);
});

// doc.go: . is any character but newline unless (?s); ^ and $ are the text's ends unless (?m).
test('. stops at a newline unless (?s), and ^ $ match at lines only with (?m)', () => {
  assert.equal(matches('^a.b$', 'a\nb'), false);
  assert.equal(matches('^(?s)a.b$', 'a\nb'), true);
  assert.equal(matches('^b', 'a\nb'), false);
  assert.equal(matches('(?m)^b$', 'a\nb'), true);
  // Only \n ends a line for Go, not \r.
  assert.equal(matches('(?m)^a$', 'a\r\nb'), false);
  // $ without (?m) is the end of the text, not before a final newline (doc.go: like \z, not \Z).
  assert.equal(matches('a$', 'a\n'), false);
});

// doc.go: \A beginning of text, \z end of text.
test('\\A and \\z anchor at the text ends', () => {
  assert.equal(matches('\\Aab\\z', 'ab'), true);
  assert.equal(matches('\\Aab\\z', 'xab'), false);
});

// perl_groups.go: \s is [\t\n\f\r ] (no \v); [[:space:]] is [\t\n\v\f\r ]; \w and \d are ASCII.
test('Perl classes are ASCII and \\s excludes the vertical tab', () => {
  assert.equal(matches('^\\s$', '\v'), false);
  assert.equal(matches('^[[:space:]]$', '\v'), true);
  assert.equal(matches('^\\w+$', 'caf\u00e9'), false);
  assert.equal(matches('^\\d$', '\u0663'), false);
});

// doc.go: POSIX classes inside brackets, negated with [:^name:].
test('POSIX classes inside brackets, and their negation', () => {
  assert.equal(matches('^[[:alpha:]]+$', 'Kube'), true);
  assert.equal(matches('^[[:^alpha:]]+$', 'Kube'), false);
  assert.equal(matches('^[[:xdigit:]]+$', 'c0ffee'), true);
});

// doc.go: \pN one-letter Unicode class, \p{Greek} Unicode class, \PN and \P{Greek} negated.
test('Unicode categories and scripts, and their negation', () => {
  assert.equal(matches('^\\pL+$', 'caf\u00e9'), true);
  assert.equal(matches('^\\p{Greek}+$', '\u03b1\u03b2'), true);
  assert.equal(matches('^\\P{Greek}$', '\u03b1'), false);
  assert.equal(matches('^\\p{^Greek}$', 'a'), true);
});

// unicode/tables.go: Go's C is Cc, Cf, Co and Cs; an unassigned code point (U+0378) is not in it.
test('\\pC holds no unassigned code point', () => {
  assert.equal(matches('^\\pC$', '\u0378'), false);
  assert.equal(matches('^\\pC$', '\u0007'), true);
  assert.equal(matches('^\\PC$', '\u0378'), true);
});

// doc.go: \Q...\E literal text; (?P<name>re) and (?<name>re) named groups.
test('quoted text is literal, and named groups match as groups', () => {
  assert.equal(matches('^\\Qa.b*\\E$', 'a.b*'), true);
  assert.equal(matches('^\\Qa.b*\\E$', 'axbb'), false);
  assert.equal(matches('^(?P<first>a)(?<second>b)$', 'ab'), true);
});

// doc.go: (?U) ungreedy — swaps x* and x*?; a brace that begins no repetition is a literal (parse.go parseRepeat).
test('ungreedy repetition and literal braces', () => {
  const lazy = goRegexp('a+(?U)a+');
  assert.ok(lazy.ok);
  assert.equal(lazy.regexp.exec('aaaa')?.[0], 'aaaa');
  const shortest = goRegexp('(?U)a+');
  assert.ok(shortest.ok);
  assert.equal(shortest.regexp.exec('aaaa')?.[0], 'a');
  assert.equal(matches('^a{,5}$', 'a{,5}'), true);
});

// parse.go parseEscape: octal \101, hex \x41 and \x{41}, C escapes.
test('octal, hexadecimal and C escapes', () => {
  assert.equal(matches('^\\101\\x42\\x{43}\\t$', 'ABC\t'), true);
});

// parse.go parse: a ( never closed is ErrMissingParen with the whole pattern; a stray ) ErrUnexpectedParen.
test('unbalanced parentheses are refused in Go words', () => {
  assert.equal(refusal('(ab'), 'error parsing regexp: missing closing ): `(ab`');
  assert.equal(refusal('ab)'), 'error parsing regexp: unexpected ): `ab)`');
});

// parse.go parsePerlFlags: lookarounds are not Perl syntax Go supports; (?<=…) reads as a bad named capture.
test('lookaheads and lookbehinds are refused as Go refuses them', () => {
  assert.equal(refusal('a(?=b)'), 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  assert.equal(refusal('a(?!b)'), 'error parsing regexp: invalid or unsupported Perl syntax: `(?!`');
  assert.equal(refusal('(?<=a)b'), 'error parsing regexp: invalid named capture: `(?<=a)b`');
});

// parse.go parseEscape: a single non-zero digit would be a backreference, not supported; \C and \Z are unknown.
test('backreferences and unknown escapes are refused', () => {
  assert.equal(refusal('(a)\\1'), 'error parsing regexp: invalid escape sequence: `\\1`');
  assert.equal(refusal('a\\Z'), 'error parsing regexp: invalid escape sequence: `\\Z`');
  assert.equal(refusal('\\C'), 'error parsing regexp: invalid escape sequence: `\\C`');
  assert.equal(refusal('a\\'), 'error parsing regexp: trailing backslash at end of expression: ``');
});

// parse.go repeat: a repetition of nothing, and a repetition of a repetition (a**), are refused.
test('repetitions without an argument or of a repetition are refused', () => {
  assert.equal(refusal('+a'), 'error parsing regexp: missing argument to repetition operator: `+`');
  assert.equal(refusal('a|*'), 'error parsing regexp: missing argument to repetition operator: `*`');
  assert.equal(refusal('a**'), 'error parsing regexp: invalid nested repetition operator: `**`');
  assert.equal(refusal('a{2}{3}'), 'error parsing regexp: invalid nested repetition operator: `{2}{3}`');
});

// parse.go maxRepeat: at most 1000 per repetition, and nested counts multiplied (repeatIsValid).
test('repetition counts above 1000, alone or multiplied, are refused', () => {
  assert.equal(refusal('a{1001}'), 'error parsing regexp: invalid repeat count: `{1001}`');
  assert.equal(refusal('a{3,2}'), 'error parsing regexp: invalid repeat count: `{3,2}`');
  assert.equal(refusal('(a{100}){11}'), 'error parsing regexp: invalid repeat count: `{11}`');
  assert.equal(refusal('(a{100}){10}'), undefined);
});

// parse.go maxHeight: a parse tree over 1,000 levels high (here 1,000 nested groups around a literal) is refused.
test('groups nested over 1,000 deep are refused, and deeper ones do not exhaust the stack', () => {
  const nested = (depth: number) => `${'('.repeat(depth)}a${')'.repeat(depth)}`;
  assert.equal(goRegexp(nested(999)).ok, true);
  assert.equal(refusal(nested(1000)), `error parsing regexp: expression nests too deeply: \`${nested(1000)}\``);
  assert.equal(refusal(nested(100_000))?.startsWith('error parsing regexp: expression nests too deeply: '), true);
});

// parse.go parseClass, parseNamedClass, parseUnicodeClass: the class errors.
test('bad classes are refused with the offending text', () => {
  assert.equal(refusal('[a-'), 'error parsing regexp: missing closing ]: `[a-`');
  assert.equal(refusal('[z-a]'), 'error parsing regexp: invalid character class range: `z-a`');
  assert.equal(refusal('[[:word1:]]'), 'error parsing regexp: invalid character class range: `[:word1:]`');
  assert.equal(refusal('\\p{Klingon}'), 'error parsing regexp: invalid character class range: `\\p{Klingon}`');
});

// parse.go parsePerlFlags: unknown flags, and a negation with no flag after it.
test('unknown or empty flag groups are refused', () => {
  assert.equal(refusal('(?x)a'), 'error parsing regexp: invalid or unsupported Perl syntax: `(?x`');
  assert.equal(refusal('(?i-)a'), 'error parsing regexp: invalid or unsupported Perl syntax: `(?i-)`');
  assert.equal(refusal('(?P<1-x>a)'), 'error parsing regexp: invalid named capture: `(?P<1-x>`');
});

test('a pattern compiles once and the same result is returned again', () => {
  assert.equal(goRegexp('^[a-z]+$'), goRegexp('^[a-z]+$'));
});
