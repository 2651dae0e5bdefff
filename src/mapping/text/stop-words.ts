/** English function words: they say nothing about which goal a ticket serves. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are aren as at be because been before being below ' +
    'between both but by can cannot could couldn did didn do does doesn doing don down during each few for ' +
    'from further had hadn has hasn have haven having he her here hers herself him himself his how i if in ' +
    'into is isn it its itself just let me more most mustn my myself no nor not now of off on once only or ' +
    'other ought our ours ourselves out over own same shan she should shouldn so some such than that the ' +
    'their theirs them themselves then there these they this those through to too under until up upon us ' +
    'very was wasn we were weren what when where which while who whom why will with won would wouldn you ' +
    'your yours yourself yourselves also etc eg ie via per within without ll ve re'
  ).split(' '),
);

/**
 * Words of ambition that goal names are made of ("Grow digital revenue", "Reduce operating cost"):
 * dropped from goal names only, where they would match every ticket that says "improve".
 */
export const GOAL_NAME_FILLER: ReadonlySet<string> = new Set(
  (
    'grow growth improve improvement increase reduce reduction cut lower raise boost enable deliver drive ' +
    'make better best new keep become achieve maximise maximize minimise minimize accelerate strengthen'
  ).split(' '),
);
