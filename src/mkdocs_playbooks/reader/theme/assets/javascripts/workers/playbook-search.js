/*
 * Search worker of the playbook site: material's own search worker (its URL is in ?worker=),
 * with the reader's words stemmed in the language of the locale's index.
 *
 * Material adds "*" to every word of a query, so that results appear while the reader types,
 * and lunr never runs a word that carries a wildcard through the language's pipeline. An index
 * built with the stemmer (mkdocs.yml: plugins.search.pipeline) holds stems, so "strategier"
 * would not find "strategi". Here each such word is stemmed first and keeps its wildcard:
 * "strategier*" becomes "strategi*", "Bestellungen*" becomes "bestell*".
 *
 * Kept next to material's worker (assets/javascripts/workers/) because that worker loads the
 * lunr languages relative to the worker's own URL.
 */
"use strict";

(function () {
  var stemmerName = null; // "sv", "de", "en": set when material sets the index up

  // Registered before material's listener, so it sees the index set-up message first.
  addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.data && message.data.config) {
      var config = message.data.config;
      var stems = config.pipeline.indexOf("stemmer") !== -1 && config.lang.length === 1;
      stemmerName = stems ? config.lang[0] : null;
    }
  });

  importScripts(new URL(location.href).searchParams.get("worker"));

  function stemmer() {
    if (stemmerName === null) return null;
    var language = stemmerName === "en" ? lunr : lunr[stemmerName];
    return language && typeof language.stemmer === "function" ? language.stemmer : null;
  }

  var addClause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (clause) {
    var stem = stemmer();
    var match = typeof clause.term === "string" && /^([^*]+)\*$/.exec(clause.term);
    if (stem && match) {
      var stemmed = stem(new lunr.Token(match[1], {})).toString();
      if (stemmed) clause.term = stemmed + "*";
    }
    return addClause.call(this, clause);
  };
})();
