using System;
using System.Collections.Generic;

namespace Qomon.Client
{
    /// <summary>A Qomon call that did not succeed: an error answer, or a transport failure after retries.</summary>
    public sealed class QomonApiException : Exception
    {
        private static readonly IReadOnlyList<QomonFieldError> NoErrors = new QomonFieldError[0];

        public QomonApiException(string message, int statusCode, string method, string path, int attempts,
            string? title = null, string? detail = null, IReadOnlyList<QomonFieldError>? errors = null,
            bool isTransportFailure = false, bool outcomeUnknown = false, TimeSpan? retryAfter = null,
            Exception? innerException = null, bool unexpectedResponse = false)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            Method = method;
            Path = path;
            Attempts = attempts;
            Title = title;
            Detail = detail;
            Errors = errors ?? NoErrors;
            IsTransportFailure = isTransportFailure;
            OutcomeUnknown = outcomeUnknown;
            RetryAfter = retryAfter;
            IsUnexpectedResponse = unexpectedResponse;
        }

        /// <summary>HTTP status of the last answer; 0 when no answer came (connection failure, timeout).</summary>
        public int StatusCode { get; }
        public string? Title { get; }
        public string? Detail { get; }
        public IReadOnlyList<QomonFieldError> Errors { get; }
        public string Method { get; }
        /// <summary>Path and query relative to the host, e.g. /contacts/123.</summary>
        public string Path { get; }
        public int Attempts { get; }
        public bool IsTransportFailure { get; }

        /// <summary>
        /// True when the server may have applied this write even though no success was seen (a dropped connection,
        /// a timeout or a gateway error after sending). Read the resource back before retrying or reporting.
        /// </summary>
        public bool OutcomeUnknown { get; }

        /// <summary>The server's last Retry-After, if any (useful after a 429 given up).</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>
        /// True when the server answered, but not with what the call asked for: a body that is not the contact (or
        /// page) asked for, a body that is not JSON, or a redirect (never followed). Nothing is built on such an
        /// answer; for a write, OutcomeUnknown says whether it may have been applied all the same.
        /// </summary>
        public bool IsUnexpectedResponse { get; }

        public bool IsThrottled => StatusCode == 429;
        public bool IsNotFound => StatusCode == 404;
    }
}
