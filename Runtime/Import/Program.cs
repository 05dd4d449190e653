using System;
using Generated.Import;

return ImportCommand.Run(args, Console.Out, Console.Error);
