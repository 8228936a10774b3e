using System.Management.Automation;
using System.Net.Http;
using System.Text.Json.Nodes;
using Qomon.Client;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Invoke-QomonRequest: any endpoint, through the connection's authentication, token budget and retry.
    /// Writes the parsed body as objects (a top-level array one element at a time, like Invoke-RestMethod),
    /// or the JSON text with -Raw.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "QomonRequest", HelpUri = HelpLinks.Commands + "Invoke-QomonRequest.md")]
    [OutputType(typeof(PSObject), typeof(string))]
    public sealed class InvokeQomonRequestCommand : QomonCmdlet
    {
        /// <summary>The HTTP method (default GET).</summary>
        [Parameter(Position = 1)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE")]
        public string Method { get; set; } = "GET";

        /// <summary>Path relative to the base URI, with its query string: /contacts/123, /v1/forms/type/survey.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The JSON body: a hashtable, an object or a JSON string.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? Body { get; set; }

        /// <summary>Write the response body as JSON text instead of objects.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        protected override void Process()
        {
            JsonNode? body;
            try { body = Body == null ? null : PowerShellToJson.ParseBody(Body); }
            catch (System.ArgumentException e)
            {
                WriteError(QomonErrors.InvalidArgument(QomonErrors.MessageOf(e), Body));
                return;
            }

            var path = Path.Length > 0 && Path[0] == '/' ? Path : "/" + Path;
            QomonRawResponse response;
            try
            {
                response = Pipeline.Run(ct => Client.SendAsync(new HttpMethod(Method), path, body, ct));
            }
            catch (QomonApiException e)
            {
                WriteApiError(e, path);
                return;
            }

            if (response.Body == null) return;
            if (Raw)
            {
                WriteObject(response.Body.ToJsonString());
                return;
            }
            WriteObject(JsonToPowerShell.Convert(response.Body), enumerateCollection: true);
        }
    }
}
