namespace Qomon.Client.Model
{
    /// <summary>One writable contact field: its canonical path (address parts as address.&lt;part&gt;) and its type.</summary>
    public sealed class ContactField
    {
        internal ContactField(string path, ContactFieldType type, int minimum = 0, int maximum = 0, string? otherSpelling = null)
        {
            Path = path;
            Type = type;
            Minimum = minimum;
            Maximum = maximum;
            OtherSpelling = otherSpelling;
        }

        /// <summary>The canonical name: firstname, birth_city, address.city...</summary>
        public string Path { get; }

        public ContactFieldType Type { get; }

        /// <summary>Lowest allowed value of an IntRange field.</summary>
        public int Minimum { get; }

        /// <summary>Highest allowed value of an IntRange field.</summary>
        public int Maximum { get; }

        /// <summary>
        /// The other key Qomon uses for the same field (birthcity for birth_city...). Which one the live API
        /// takes is unknown, so a write uses the key the contact already has.
        /// </summary>
        public string? OtherSpelling { get; }

        public bool IsAddressPart => Path.StartsWith(ContactFields.AddressPrefix, System.StringComparison.Ordinal);

        /// <summary>The key inside address for an address part, else the path.</summary>
        public string Key => IsAddressPart ? Path.Substring(ContactFields.AddressPrefix.Length) : Path;

        public override string ToString() => Path + " (" + Type + ")";
    }
}
