// Prints the reviews STIG Manager's own parser reads from a checklist, as JSON, so that tests can compare them with
// what Palisade wrote.
//
//   node stig-manager-reviews.mjs MODULES FILE.ckl|FILE.cklb
//
// MODULES is a checkout of NUWCDIVNPT/stig-manager-client-modules (its ReviewParser.js and the files it imports);
// it is not part of this repository. The import options are STIG Manager's defaults for a collection: every
// status is saved, Not Reviewed rules with a comment become informational, details and comments are imported.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [modules, file] = process.argv.slice(2)
if (!modules || !file) {
  console.error('usage: node stig-manager-reviews.mjs MODULES FILE.ckl|FILE.cklb')
  process.exit(64)
}
const parser = await import(pathToFileURL(join(resolve(modules), 'ReviewParser.js')).href)
const options = {
  data: readFileSync(file, 'utf8'),
  importOptions: {
    autoStatus: { fail: 'saved', notapplicable: 'saved', pass: 'saved' },
    unreviewed: 'commented',
    unreviewedCommented: 'informational',
    emptyDetail: 'replace',
    emptyComment: 'ignore',
    allowCustom: true
  },
  fieldSettings: {
    detail: { enabled: 'always', required: 'always' },
    comment: { enabled: 'findings', required: 'findings' }
  },
  allowAccept: true,
  sourceRef: file
}
const parsed = file.endsWith('.cklb') ? parser.reviewsFromCklb(options) : parser.reviewsFromCkl(options)
const summary = {
  target: parsed.target,
  errors: parsed.errors ?? [],
  checklists: parsed.checklists.map((checklist) => ({
    benchmarkId: checklist.benchmarkId,
    revisionStr: checklist.revisionStr,
    stats: checklist.stats,
    reviews: checklist.reviews.map((review) => ({
      ruleId: review.ruleId,
      result: review.result,
      status: review.status,
      detail: review.detail,
      comment: review.comment
    }))
  }))
}
console.log(JSON.stringify(summary, null, 2))
