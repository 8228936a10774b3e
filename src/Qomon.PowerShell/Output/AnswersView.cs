using System.Collections.Generic;
using System.Management.Automation;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Output
{
    /// <summary>One contact's Answers object and what each of its properties showed when it was built.</summary>
    internal sealed class AnswersView
    {
        public PSObject View { get; } = new AnswersObject();
        public List<ShownAnswer> Shown { get; } = new List<ShownAnswer>();
    }

    /// <summary>
    /// The Answers object: a PSCustomObject whose text (what Format-List * and Export-Csv show for it) is its answers,
    /// 'Label: a, b; Label: c', rather than @{Label=System.Object[]}.
    /// </summary>
    internal sealed class AnswersObject : PSObject
    {
        public override string ToString() => ContactAnswers.Text(this, "; ");
    }

    /// <summary>A property of the Answers view as first shown: its form and the values (labels or data) it held.</summary>
    internal sealed class ShownAnswer
    {
        public ShownAnswer(string key, AnswerKind kind, long formId, QomonForm? form, string?[] items)
        {
            Key = key;
            Kind = kind;
            FormId = formId;
            Form = form;
            Items = items;
        }

        public string Key { get; }
        public AnswerKind Kind { get; }
        public long FormId { get; }
        public QomonForm? Form { get; }
        public string?[] Items { get; }
    }
}
