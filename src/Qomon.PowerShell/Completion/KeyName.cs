namespace Qomon.PowerShell.Completion
{
    /// <summary>A name a hashtable key may take (firstname, City, 'form:Consent'), with the tooltip shown beside it.</summary>
    public sealed class KeyName
    {
        public KeyName(string name, string toolTip)
        {
            Name = name;
            ToolTip = toolTip;
        }

        public string Name { get; }

        public string ToolTip { get; }
    }
}
