// The analysts' console; verbs arrive with issue 2 (extract) and issue 3 (train, eval-ner, tag-conll).
return NewsNer.Cli.ConsoleApp.Run(args);
