using System.Text.Encodings.Web;
using System.Text.Json;

namespace Qomon.Emulator.Json;

/// <summary>Writer settings for every response: plain UTF-8 ("Rhône", "+33"), not \u escapes, like a normal JSON API.</summary>
public static class JsonOutput
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
