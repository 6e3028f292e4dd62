// The .NET side of the sample: any code that ships beside the Cordova app (a backend, shared models...).
Console.WriteLine("Hello from the .NET side of HelloCordova.");
