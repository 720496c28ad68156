<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="overland" tilewidth="16" tileheight="16" tilecount="61" columns="8">
 <image source="tiles.png" width="128" height="128"/>
 <tile id="0">
  <properties>
   <property name="country" type="string" value="sea"/>
   <property name="label" type="string" value="Sea"/>
   <property name="land" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="1">
  <properties>
   <property name="country" type="string" value="KP"/>
   <property name="label" type="string" value="North Korea"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="2">
  <properties>
   <property name="country" type="string" value="KR"/>
   <property name="label" type="string" value="South Korea"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="3">
  <properties>
   <property name="country" type="string" value="CN"/>
   <property name="label" type="string" value="China"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="4">
  <properties>
   <property name="country" type="string" value="MN"/>
   <property name="label" type="string" value="Mongolia"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="5">
  <properties>
   <property name="country" type="string" value="RU"/>
   <property name="label" type="string" value="Russia"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="6">
  <properties>
   <property name="country" type="string" value="LA"/>
   <property name="label" type="string" value="Laos"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="7">
  <properties>
   <property name="country" type="string" value="TH"/>
   <property name="label" type="string" value="Thailand"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="8">
  <properties>
   <property name="country" type="string" value="VN"/>
   <property name="label" type="string" value="Vietnam"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="9">
  <properties>
   <property name="country" type="string" value="MM"/>
   <property name="label" type="string" value="Myanmar"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="10">
  <properties>
   <property name="country" type="string" value="JP"/>
   <property name="label" type="string" value="Japan"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="11">
  <properties>
   <property name="country" type="string" value="other"/>
   <property name="label" type="string" value="Other land"/>
   <property name="land" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="13">
  <properties>
   <property name="border" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="14">
  <properties>
   <property name="border" type="int" value="2"/>
  </properties>
 </tile>
 <tile id="15">
  <properties>
   <property name="border" type="int" value="3"/>
  </properties>
 </tile>
 <tile id="16">
  <properties>
   <property name="border" type="int" value="4"/>
  </properties>
 </tile>
 <tile id="17">
  <properties>
   <property name="border" type="int" value="5"/>
  </properties>
 </tile>
 <tile id="18">
  <properties>
   <property name="border" type="int" value="6"/>
  </properties>
 </tile>
 <tile id="19">
  <properties>
   <property name="border" type="int" value="7"/>
  </properties>
 </tile>
 <tile id="20">
  <properties>
   <property name="border" type="int" value="8"/>
  </properties>
 </tile>
 <tile id="21">
  <properties>
   <property name="border" type="int" value="9"/>
  </properties>
 </tile>
 <tile id="22">
  <properties>
   <property name="border" type="int" value="10"/>
  </properties>
 </tile>
 <tile id="23">
  <properties>
   <property name="border" type="int" value="11"/>
  </properties>
 </tile>
 <tile id="24">
  <properties>
   <property name="border" type="int" value="12"/>
  </properties>
 </tile>
 <tile id="25">
  <properties>
   <property name="border" type="int" value="13"/>
  </properties>
 </tile>
 <tile id="26">
  <properties>
   <property name="border" type="int" value="14"/>
  </properties>
 </tile>
 <tile id="27">
  <properties>
   <property name="border" type="int" value="15"/>
  </properties>
 </tile>
 <tile id="29">
  <properties>
   <property name="river_border" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="30">
  <properties>
   <property name="river_border" type="int" value="2"/>
  </properties>
 </tile>
 <tile id="31">
  <properties>
   <property name="river_border" type="int" value="3"/>
  </properties>
 </tile>
 <tile id="32">
  <properties>
   <property name="river_border" type="int" value="4"/>
  </properties>
 </tile>
 <tile id="33">
  <properties>
   <property name="river_border" type="int" value="5"/>
  </properties>
 </tile>
 <tile id="34">
  <properties>
   <property name="river_border" type="int" value="6"/>
  </properties>
 </tile>
 <tile id="35">
  <properties>
   <property name="river_border" type="int" value="7"/>
  </properties>
 </tile>
 <tile id="36">
  <properties>
   <property name="river_border" type="int" value="8"/>
  </properties>
 </tile>
 <tile id="37">
  <properties>
   <property name="river_border" type="int" value="9"/>
  </properties>
 </tile>
 <tile id="38">
  <properties>
   <property name="river_border" type="int" value="10"/>
  </properties>
 </tile>
 <tile id="39">
  <properties>
   <property name="river_border" type="int" value="11"/>
  </properties>
 </tile>
 <tile id="40">
  <properties>
   <property name="river_border" type="int" value="12"/>
  </properties>
 </tile>
 <tile id="41">
  <properties>
   <property name="river_border" type="int" value="13"/>
  </properties>
 </tile>
 <tile id="42">
  <properties>
   <property name="river_border" type="int" value="14"/>
  </properties>
 </tile>
 <tile id="43">
  <properties>
   <property name="river_border" type="int" value="15"/>
  </properties>
 </tile>
 <tile id="45">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="46">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="47">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="48">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="49">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="50">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="51">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="52">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="53">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="54">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="55">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="56">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="57">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="58">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="59">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="60">
  <properties>
   <property name="river" type="bool" value="true"/>
  </properties>
 </tile>
</tileset>
